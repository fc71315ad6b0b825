import { boundingBox, distanceKm } from '@vigie/geo';
import fc from 'fast-check';
import { CELL_LEVELS, cellsCovering, cellsOf, levelOf } from './geo-cells';

describe('geo cells', () => {
  it('list a circle under the cell of every point within its radius, at one level', () => {
    fc.assert(
      fc.property(
        // Integers scaled, not fc.double: its values crowd around 0, far from most of the range.
        fc.integer({ min: -70_000_000, max: 70_000_000 }),
        fc.integer({ min: -175_000_000, max: 175_000_000 }),
        fc.integer({ min: 500, max: 300_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        fc.integer({ min: 0, max: 1_000 }),
        (lat, lon, metres, i, j) => {
          const [latitude, longitude, radiusKm, u, v] = [
            lat / 1e6,
            lon / 1e6,
            metres / 1e3,
            i / 1e3,
            j / 1e3,
          ];
          const box = boundingBox({ latitude, longitude }, radiusKm);
          const point = {
            latitude: box.minLatitude + u * (box.maxLatitude - box.minLatitude),
            longitude: box.minLongitude + v * (box.maxLongitude - box.minLongitude),
          };
          fc.pre(distanceKm({ latitude, longitude }, point) <= radiusKm);
          const covering = cellsCovering(latitude, longitude, radiusKm);
          const level = levelOf(covering[0]!);
          expect(covering.every((c) => levelOf(c) === level)).toBe(true);
          const cells = new Int32Array(CELL_LEVELS.length);
          cellsOf(point.latitude, point.longitude, cells);
          expect(covering).toContain(cells[level]);
        },
      ),
      { numRuns: 2_000 },
    );
  });

  it('keep every radius of the search form to at most 9 cells in France', () => {
    for (const radiusKm of [5, 10, 20, 30, 50, 100])
      expect(cellsCovering(46.5, 2.5, radiusKm).length).toBeLessThanOrEqual(9);
  });

  it('put a small radius at the finest level and a large one at a coarser one', () => {
    expect(levelOf(cellsCovering(45.76, 4.84, 5)[0]!)).toBe(0);
    expect(levelOf(cellsCovering(45.76, 4.84, 100)[0]!)).toBeGreaterThan(1);
  });
});
