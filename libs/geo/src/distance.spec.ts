import { boundingBox, distanceKm, inBoundingBox } from './distance';

const paris = { latitude: 48.8566, longitude: 2.3522 };
const lyon = { latitude: 45.764, longitude: 4.8357 };
const marseille = { latitude: 43.2965, longitude: 5.3698 };

describe('distanceKm', () => {
  it('measures known great-circle distances', () => {
    expect(distanceKm(paris, lyon)).toBeCloseTo(392, -1);
    expect(distanceKm(paris, marseille)).toBeCloseTo(661, -1);
    // One degree of latitude is about 111.2 km anywhere.
    expect(distanceKm({ latitude: 45, longitude: 3 }, { latitude: 46, longitude: 3 })).toBeCloseTo(111.2, 1);
  });

  it('is zero for one point and symmetric', () => {
    expect(distanceKm(paris, paris)).toBe(0);
    expect(distanceKm(paris, lyon)).toBe(distanceKm(lyon, paris));
  });

  it('stays finite for antipodes', () => {
    expect(distanceKm({ latitude: 0, longitude: 0 }, { latitude: 0, longitude: 180 })).toBeCloseTo(
      Math.PI * 6371.0088,
      3,
    );
  });
});

describe('boundingBox', () => {
  it('contains every point of the circle and not much more', () => {
    const box = boundingBox(lyon, 50);
    for (let bearing = 0; bearing < 360; bearing += 15) {
      const rad = (bearing * Math.PI) / 180;
      // A point about 49.9 km away in that direction.
      const point = {
        latitude: lyon.latitude + (49.9 / 111.2) * Math.cos(rad),
        longitude:
          lyon.longitude + (49.9 / (111.2 * Math.cos((lyon.latitude * Math.PI) / 180))) * Math.sin(rad),
      };
      expect(distanceKm(lyon, point)).toBeLessThan(50);
      expect(inBoundingBox(box, point)).toBe(true);
    }
    expect(inBoundingBox(box, { latitude: lyon.latitude + 0.5, longitude: lyon.longitude })).toBe(false);
    expect(inBoundingBox(box, { latitude: lyon.latitude, longitude: lyon.longitude + 0.75 })).toBe(false);
  });

  it('widens to every longitude near a pole or across the antimeridian', () => {
    expect(boundingBox({ latitude: 89.9, longitude: 10 }, 50)).toMatchObject({
      maxLatitude: 90,
      minLongitude: -180,
      maxLongitude: 180,
    });
    expect(boundingBox({ latitude: -17.5, longitude: 179.9 }, 50)).toMatchObject({
      minLongitude: -180,
      maxLongitude: 180,
    });
  });
});
