import { criteriaToParams, SearchCriteria } from '@vigie/contracts';
import { FakePlaceDirectory } from '../testing/alert-fakes';
import { AlertCriteriaPolicy } from './alert-criteria';
import { AlertError } from './alert-errors';
import { AlertInputSchema } from './alert-input.schema';

const sut = new AlertCriteriaPolicy(new FakePlaceDirectory());

function detailsOf(work: () => unknown): AlertError['details'] {
  try {
    work();
  } catch (e) {
    if (e instanceof AlertError) return e.details;
    throw e;
  }
  throw new Error('expected an AlertError');
}

describe('AlertCriteriaPolicy', () => {
  it('turns the first version’s keywords, place and contract types into criteria', () => {
    const criteria = sut.fromInput(
      AlertInputSchema.parse({
        keywords: ['TypeScript', '"Node.js"', '-java'],
        place: {
          label: 'Villeurbanne',
          communeCode: '69266',
          latitude: 45.77,
          longitude: 4.89,
          radiusKm: 20,
        },
        contractTypes: ['cdi'],
      }),
    );

    expect(criteria).toMatchObject({
      q: 'TypeScript Node.js java',
      where: { kind: 'commune', communeCode: '69266', radiusKm: 20 },
      contractTypes: ['cdi'],
    });
  });

  it('locates a first-version place without commune at the nearest commune, and refuses one abroad', () => {
    const near = sut.fromInput(
      AlertInputSchema.parse({ place: { label: 'Lyon', latitude: 45.76, longitude: 4.84, radiusKm: 5 } }),
    );
    expect(near.where).toEqual({ kind: 'commune', communeCode: '69123', radiusKm: 5 });

    const abroad = AlertInputSchema.parse({
      place: { label: 'Genève', latitude: 46.2, longitude: 6.14, radiusKm: 5 },
    });
    expect(detailsOf(() => sut.fromInput(abroad))).toEqual([
      { field: 'place', reason: 'no French commune near these coordinates' },
    ]);
  });

  it('refuses criteria and first-version fields together, and a body with neither', () => {
    const both = AlertInputSchema.parse({ criteria: { q: 'x' }, keywords: ['x'] });
    expect(detailsOf(() => sut.fromInput(both))![0]!.field).toBe('criteria');
    expect(detailsOf(() => sut.fromInput(AlertInputSchema.parse({})))).toEqual([
      { field: 'criteria', reason: 'is required' },
    ]);
  });

  it('reads the search API’s parameters, resolving a commune name, and gives them back', () => {
    const criteria = sut.fromParams({
      q: 'soudeur',
      commune: 'Villeurbanne',
      radius: '15',
      contract: 'cdi,cdd',
    });

    expect(criteria).toMatchObject({
      q: 'soudeur',
      where: { kind: 'commune', communeCode: '69266', radiusKm: 15 },
      contractTypes: ['cdi', 'cdd'],
    });
    expect(sut.fromParams(Object.fromEntries(criteriaToParams(criteria)))).toEqual(criteria);
  });

  it('names the parameter of each error in a search’s parameters', () => {
    expect(detailsOf(() => sut.fromParams({ q: 'soudeur', commune: 'Atlantis' }))).toEqual([
      { field: 'commune', reason: 'is not a known commune' },
    ]);
    expect(detailsOf(() => sut.fromParams({ commune: '69123', radius: '500' }))).toEqual([
      { field: 'radius', reason: 'must be at most 200 km' },
    ]);
    expect(detailsOf(() => sut.fromParams({}))).toEqual([
      { field: '(query)', reason: 'give at least one of keywords (q), a place (where) or a ROME code' },
    ]);
  });

  it('accepts a location-only, a ROME-only and a region alert', () => {
    const base: SearchCriteria = sut.fromParams({ department: '69' });
    expect(base.where).toEqual({ kind: 'department', code: '69' });
    expect(sut.fromParams({ rome: 'H2913' }).romeCodes).toEqual(['H2913']);
    expect(sut.fromParams({ region: '84' }).where).toEqual({ kind: 'region', code: '84' });
  });
});
