import { DuplicateClusterer } from './duplicate-clusterer';
import { InMemoryClusterIndex } from './in-memory-cluster-index';
import { ClusterableOffer, fingerprintOf } from './offer-fingerprint';

const TEXT =
  'Au sein de notre agence de Nantes, vous assurez la maintenance préventive et curative des équipements ' +
  'de production, le diagnostic des pannes électriques et mécaniques et la rédaction des rapports ' +
  "d'intervention. Titulaire d'un BTS maintenance, vous avez une première expérience en industrie. " +
  'Horaires en 2x8, prime d’équipe, mutuelle et intéressement.';

const ad = (offerId: string, overrides: Partial<ClusterableOffer> = {}): ClusterableOffer => ({
  offerId,
  title: 'Technicien de maintenance (H/F)',
  description: TEXT,
  companyName: 'Durand Industrie',
  placeKey: '44109',
  ...overrides,
});

describe('DuplicateClusterer', () => {
  const newSut = () => {
    const index = new InMemoryClusterIndex();
    return { sut: new DuplicateClusterer(index), index };
  };

  it('gives two recruiters posting the same job one cluster, the first one’s', async () => {
    const { sut } = newSut();
    const [first] = await sut.assign(null, [ad('employer-1')]);
    const [agency] = await sut.assign(null, [
      ad('agency-1', { companyName: null, title: 'Technicien maintenance H/F' }),
    ]);

    expect(first!.clusterId).toBe('employer-1');
    expect(agency).toEqual({ offerId: 'agency-1', clusterId: 'employer-1', duplicateOf: 'employer-1' });
  });

  it('puts a re-post under a new reference in the same cluster', async () => {
    const { sut } = newSut();
    await sut.assign(null, [ad('ref-1', { title: 'Technicien de maintenance (H/F) - REF 2024-118' })]);
    const [repost] = await sut.assign(null, [
      ad('ref-2', {
        title: 'Technicien de maintenance (H/F) - REF 2025-007',
        description: `${TEXT} Poste à pourvoir en mars.`,
      }),
    ]);

    expect(repost!.clusterId).toBe('ref-1');
  });

  it('keeps the same title in another commune, and another company’s job, apart', async () => {
    const { sut } = newSut();
    const results = await sut.assign(null, [
      ad('nantes'),
      ad('lyon', { placeKey: '69123' }),
      ad('other-job', {
        companyName: 'Girard SA',
        description:
          'Vous conduisez une ligne de conditionnement et réalisez les réglages des machines en 3x8.',
      }),
    ]);

    expect(results.map((r) => r.clusterId)).toEqual(['nantes', 'lyon', 'other-job']);
  });

  it('requires nearly the whole text when another named company posts it', async () => {
    const { sut } = newSut();
    await sut.assign(null, [ad('own')]);
    const [rewritten] = await sut.assign(null, [
      ad('rival', {
        companyName: 'Maintenance Express',
        description: `${TEXT.slice(0, 120)} Vous rejoignez un réseau national de techniciens itinérants, véhicule de service.`,
      }),
    ]);

    expect(rewritten!.clusterId).toBe('rival');
  });

  it('keeps an edited offer in its cluster, so cluster ids stay stable', async () => {
    const { sut, index } = newSut();
    await sut.assign(null, [ad('a'), ad('b')]);
    const [edited] = await sut.assign(null, [
      ad('b', { title: 'Chef d’équipe maintenance (H/F)', description: 'Autre texte.' }),
    ]);

    expect(edited).toEqual({ offerId: 'b', clusterId: 'a', duplicateOf: null });
    expect(index.size).toBe(2);
  });

  it('reads an offer already clustered by key without probing its bands, and probes the new ones', async () => {
    const { sut, index } = newSut();
    await sut.assign(null, [ad('known-1'), ad('known-2')]);
    const bandKeys = fingerprintOf(ad('known-1')).bandKeys;

    const reimported = index.candidatesNow([{ offerId: 'known-1', bandKeys }]);
    const fresh = index.candidatesNow([{ offerId: 'fresh-1', bandKeys }]);

    expect(reimported.map((m) => m.offerId)).toEqual(['known-1']);
    expect(fresh.map((m) => m.offerId).sort()).toEqual(['known-1', 'known-2']);
  });
});
