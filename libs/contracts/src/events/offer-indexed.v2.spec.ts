import { goldenFixture } from '@vigie/testing/unit';
import { OfferIndexedV2, OfferIndexedV2Schema, offerIndexedV2OfParsedSnapshot } from './offer-indexed.v2';

describe('offerIndexedV2OfParsedSnapshot', () => {
  const active = goldenFixture<OfferIndexedV2>('offers.offer.indexed.v2', 'active');
  const deleted = goldenFixture<OfferIndexedV2>('offers.offer.indexed.v2', 'deleted');
  const headOf = ({ offer: _offer, ...head }: OfferIndexedV2) => head;

  it('gives the value the full schema parses, with the same keys in the same order', () => {
    for (const golden of [active, deleted]) {
      const value = offerIndexedV2OfParsedSnapshot(headOf(golden), golden.offer);

      expect(JSON.stringify(value)).toBe(JSON.stringify(OfferIndexedV2Schema.parse(golden)));
    }
  });

  it('keeps the snapshot it is given as it is, without copying it', () => {
    expect(offerIndexedV2OfParsedSnapshot(headOf(active), active.offer).offer).toBe(active.offer);
  });

  it('still validates the announcement’s own fields', () => {
    expect(() =>
      offerIndexedV2OfParsedSnapshot({ ...headOf(active), indexedAt: 'yesterday' }, active.offer),
    ).toThrow(/indexedAt/);
    expect(() => offerIndexedV2OfParsedSnapshot({ ...headOf(active), version: 0 }, active.offer)).toThrow(
      /version/,
    );
  });

  it('refuses an active offer without its snapshot, and a gone one with a snapshot', () => {
    expect(() => offerIndexedV2OfParsedSnapshot(headOf(active), null)).toThrow(/carries its snapshot/);
    expect(() => offerIndexedV2OfParsedSnapshot(headOf(deleted), active.offer)).toThrow(
      /carries its snapshot/,
    );
  });
});
