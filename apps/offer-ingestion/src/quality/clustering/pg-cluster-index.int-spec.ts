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
    const oldText = await index.candidates(null, [...fingerprintOf(before).bandKeys], []);

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

    const found = await index.candidates(null, [...copy.bandKeys], []);
    const none = await index.candidates(null, [...other.bandKeys], []);

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

    const found = await index.candidates(null, [...copy.bandKeys], []);
    const [assigned] = await uow.run((tx) => sut.assign(tx, [ad('d-new', { placeKey: '13055' })]));

    expect(found.length).toBeLessThanOrEqual(MAX_MEMBERS_PER_BAND * copy.bandKeys.length);
    expect(found.length).toBeLessThan(reposts.length);
    expect(new Set(found.map((m) => m.clusterId))).toEqual(new Set(['d-0000']));
    expect(assigned).toEqual({ offerId: 'd-new', clusterId: 'd-0000', duplicateOf: expect.any(String) });
  });
});
