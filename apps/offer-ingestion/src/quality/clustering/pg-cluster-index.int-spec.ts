import { TypeOrmUnitOfWork } from '@vigie/database';
import { openTestDatabase, TestDatabase } from '@vigie/testing';
import { OFFER_INGESTION_MIGRATIONS } from '../../migrations/offer-ingestion-migrations';
import { DuplicateClusterer } from './duplicate-clusterer';
import { ClusterableOffer, fingerprintOf } from './offer-fingerprint';
import { MAX_MEMBERS_PER_BAND, PgClusterIndex } from './pg-cluster-index';

const DESCRIPTION =
  'Au sein de notre service comptable, vous assurez la tenue de la comptabilité générale et auxiliaire, ' +
  'les rapprochements bancaires, les déclarations de TVA et la préparation des clôtures mensuelles. ' +
  "Vous travaillez en lien avec l'expert-comptable et le directeur administratif et financier. " +
  'Titulaire d’un BTS comptabilité, vous avez une première expérience réussie sur un poste similaire. ' +
  'Poste en CDI à temps plein, tickets restaurant, mutuelle et prime annuelle.';

const ad = (offerId: string, overrides: Partial<ClusterableOffer> = {}): ClusterableOffer => ({
  offerId,
  title: 'Comptable (H/F)',
  description: DESCRIPTION,
  companyName: 'Durand Industrie',
  placeKey: '69123',
  ...overrides,
});

/** A batch offer not clustered yet, probing with the given fingerprint's bands. */
const probe = (fingerprint: { bandKeys: Int32Array }, offerId = 'not-clustered-yet') => ({
  offerId,
  bandKeys: fingerprint.bandKeys,
});

describe('PgClusterIndex on Postgres', () => {
  let db: TestDatabase;
  let index: PgClusterIndex;
  let uow: TypeOrmUnitOfWork;
  let sut: DuplicateClusterer;

  beforeAll(async () => {
    db = await openTestDatabase('clusters', OFFER_INGESTION_MIGRATIONS);
    index = new PgClusterIndex(db.dataSource);
    uow = new TypeOrmUnitOfWork(db.dataSource);
    sut = new DuplicateClusterer(index);
  });

  afterAll(async () => {
    await db.drop();
  });

  it('puts copies posted in later batches in the first copy’s cluster, and another commune in its own', async () => {
    const [first] = await uow.run((tx) => sut.assign(tx, [ad('a-1')]));
    const later = await uow.run((tx) =>
      sut.assign(tx, [
        ad('a-2', { companyName: null, description: `${DESCRIPTION} Référence 2024-118.` }),
        ad('a-3', { placeKey: '75056' }),
        ad('a-4', {
          title: 'Développeur Java (H/F)',
          description: 'Conception de services Java pour nos clients.',
        }),
      ]),
    );

    expect(first).toEqual({ offerId: 'a-1', clusterId: 'a-1', duplicateOf: null });
    expect(later).toEqual([
      { offerId: 'a-2', clusterId: 'a-1', duplicateOf: 'a-1' },
      { offerId: 'a-3', clusterId: 'a-3', duplicateOf: null },
      { offerId: 'a-4', clusterId: 'a-4', duplicateOf: null },
    ]);
  });

  it('clusters copies inside one batch, and keeps an edited offer in its cluster', async () => {
    const batch = await uow.run((tx) =>
      sut.assign(tx, [ad('b-1', { placeKey: '44109' }), ad('b-2', { placeKey: '44109' })]),
    );
    const edited = await uow.run((tx) =>
      sut.assign(tx, [
        ad('b-2', { placeKey: '44109', title: 'Chef de projet (H/F)', description: 'Tout autre chose.' }),
      ]),
    );

    expect(batch.map((a) => a.clusterId)).toEqual(['b-1', 'b-1']);
    expect(edited).toEqual([{ offerId: 'b-2', clusterId: 'b-1', duplicateOf: null }]);
    const [row] = await db.dataSource.query<Array<{ bands: number }>>(
      'SELECT count(*)::int AS bands FROM offer_cluster_bands WHERE offer_id = $1',
      ['b-2'],
    );
    expect(row!.bands).toBeGreaterThan(0);
  });

  it('replaces an edited offer’s bands by its new ones, and the old text no longer finds it', async () => {
    const before = ad('e-1', { placeKey: '33063' });
    const after = ad('e-1', {
      placeKey: '33063',
      description: 'Vous conduisez des bus urbains sur le réseau de la métropole, en horaires décalés.',
    });
    await uow.run((tx) => sut.assign(tx, [before]));
    await uow.run((tx) => sut.assign(tx, [after]));

    const rows = await db.dataSource.query<Array<{ band_key: number }>>(
      'SELECT band_key FROM offer_cluster_bands WHERE offer_id = $1 ORDER BY band_key',
      ['e-1'],
    );
    const oldText = await index.candidates(null, [probe(fingerprintOf(before))]);

    expect(rows.map((r) => r.band_key)).toEqual(
      [...new Set(fingerprintOf(after).bandKeys)].sort((a, b) => a - b),
    );
    expect(oldText.map((m) => m.offerId)).not.toContain('e-1');
  });

  it('answers a batch’s candidates by band key, and nothing for unrelated text', async () => {
    const own =
      'Vous pilotez la paie de 300 salariés, les déclarations sociales nominatives et la veille sociale.';
    await uow.run((tx) => sut.assign(tx, [ad('c-1', { placeKey: '31555', description: own })]));
    const copy = fingerprintOf(ad('c-2', { placeKey: '31555', description: own }));
    const other = fingerprintOf(ad('c-3', { description: 'Conduite de ligne de conditionnement en 3x8.' }));

    const found = await index.candidates(null, [probe(copy)]);
    const none = await index.candidates(null, [probe(other)]);

    expect(found.map((m) => [m.offerId, m.clusterId])).toEqual([['c-1', 'c-1']]);
    expect(found[0]!.fingerprint.signature).toEqual(copy.signature);
    expect(none).toEqual([]);
  });

  it('reads a hot band (a job reposted hundreds of times) capped, and still finds the copy’s cluster', async () => {
    const reposts = Array.from({ length: 3 * MAX_MEMBERS_PER_BAND }, (_, i) =>
      ad(`d-${String(i).padStart(4, '0')}`, { placeKey: '13055' }),
    );
    for (let i = 0; i < reposts.length; i += 50) {
      await uow.run((tx) => sut.assign(tx, reposts.slice(i, i + 50)));
    }
    const copy = fingerprintOf(ad('d-new', { placeKey: '13055' }));

    const found = await index.candidates(null, [probe(copy)]);
    const [assigned] = await uow.run((tx) => sut.assign(tx, [ad('d-new', { placeKey: '13055' })]));

    expect(found.length).toBeLessThanOrEqual(MAX_MEMBERS_PER_BAND * copy.bandKeys.length);
    expect(found.length).toBeLessThan(reposts.length);
    expect(new Set(found.map((m) => m.clusterId))).toEqual(new Set(['d-0000']));
    expect(assigned).toEqual({ offerId: 'd-new', clusterId: 'd-0000', duplicateOf: expect.any(String) });
  });

  it('reads the batch’s offers already clustered by key, probing only the bands of the new ones', async () => {
    const text = 'Vous préparez les commandes en entrepôt frigorifique, cariste CACES 1, 3 et 5 exigé.';
    await uow.run((tx) =>
      sut.assign(tx, [
        ad('f-1', { placeKey: '59350', description: text }),
        ad('f-2', { placeKey: '59350', description: text }),
      ]),
    );
    const known = fingerprintOf(ad('f-1', { placeKey: '59350', description: text }));

    const reimported = await index.candidates(null, [probe(known, 'f-1')]);
    const mixed = await index.candidates(null, [probe(known, 'f-1'), probe(known, 'f-3')]);

    expect(reimported.map((m) => [m.offerId, m.clusterId])).toEqual([['f-1', 'f-1']]);
    expect(mixed.map((m) => m.offerId).sort()).toEqual(['f-1', 'f-2']);
    expect(mixed.every((m) => m.clusterId === 'f-1')).toBe(true);
  });

  it('leaves a member sent again with the same fingerprint as it is (a re-imported offer)', async () => {
    const state = async () =>
      (
        await db.dataSource.query<Array<{ updated_at: Date; bands: number }>>(
          `SELECT m.updated_at, (SELECT count(*)::int FROM offer_cluster_bands b WHERE b.offer_id = m.offer_id) AS bands
             FROM offer_cluster_members m WHERE m.offer_id = $1`,
          ['g-1'],
        )
      )[0]!;
    const [first] = await uow.run((tx) => sut.assign(tx, [ad('g-1', { placeKey: '06088' })]));
    const before = await state();

    const [again] = await uow.run((tx) => sut.assign(tx, [ad('g-1', { placeKey: '06088' })]));
    const after = await state();
    await uow.run((tx) => sut.assign(tx, [ad('g-1', { placeKey: '06088', title: 'Aide-comptable (H/F)' })]));
    const edited = await state();

    expect(again).toEqual(first);
    expect(after).toEqual(before);
    expect(before.bands).toBeGreaterThan(0);
    expect(edited.updated_at.getTime()).toBeGreaterThan(before.updated_at.getTime());
  });
});
