import { prepareOffer } from '../engine';
import { engineOffer } from '../engine/test/engine.factory';
import { PreparedOffers } from './prepared-offers';

describe('PreparedOffers', () => {
  it('analyses an offer version once for every shard, then forgets it', () => {
    const offers = new PreparedOffers(3);
    const offer = engineOffer();
    let built = 0;
    const build = () => {
      built += 1;
      return offer;
    };

    const taken = [1, 2, 3].map(() => offers.take(offer.id, 4, build));

    expect(built).toBe(1);
    expect(taken[1]).toBe(taken[0]);
    expect(taken[2]).toBe(taken[0]);
    expect(taken[0]).toEqual(prepareOffer(offer));
    expect(offers.size).toBe(0);
  });

  it('analyses another version of the same offer apart', () => {
    const offers = new PreparedOffers(2);
    const first = engineOffer();
    const changed = { ...first, title: 'Soudeur TIG (H/F)' };

    expect(offers.take(first.id, 1, () => first)).toEqual(prepareOffer(first));
    expect(offers.take(first.id, 2, () => changed)).toEqual(prepareOffer(changed));
    expect(offers.size).toBe(2);
  });

  it('holds at most its capacity, dropping the oldest, which a late shard analyses again', () => {
    const offers = new PreparedOffers(2, 2);
    const [a, b, c] = [engineOffer(), engineOffer(), engineOffer()];
    let built = 0;
    const take = (o: typeof a) =>
      offers.take(o.id, 1, () => {
        built += 1;
        return o;
      });

    [a, b, c].forEach(take);
    expect(offers.size).toBe(2);
    expect(take(a).offer).toBe(a);
    expect(built).toBe(4);
  });
});
