import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { FranceTravailPlace } from './place-resolution-measure';

/** Streams the `lieuTravail` objects of a France Travail offers file (JSON Lines), at most `limit`. */
export async function readFranceTravailPlaces(file: string, limit = Infinity): Promise<FranceTravailPlace[]> {
  const places: FranceTravailPlace[] = [];
  const lines = createInterface({ input: createReadStream(file), crlfDelay: Infinity });
  for await (const line of lines) {
    if (places.length >= limit) break;
    if (line.trim() === '') continue;
    const offer = JSON.parse(line) as { lieuTravail?: FranceTravailPlace };
    if (offer.lieuTravail) places.push(offer.lieuTravail);
  }
  lines.close();
  return places;
}
