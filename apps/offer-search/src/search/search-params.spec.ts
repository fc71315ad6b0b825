import { SearchCriteriaSchema } from '@vigie/contracts';
import { isDomainError } from '@vigie/kernel';
import { CommuneDirectory, type CommuneCentre } from '../places/commune-directory.port';
import { encodeCursor } from './search-cursor';
import { parseSearchParams, type SearchLimits } from './search-params';

class Communes extends CommuneDirectory {
  private readonly lyon: CommuneCentre = {
    code: '69123',
    name: 'Lyon',
    geo: { latitude: 45.758, longitude: 4.835 },
  };
  commune(code: string) {
    return code === this.lyon.code ? this.lyon : null;
  }
  named(name: string) {
    return name.toLowerCase() === 'lyon' ? this.lyon : null;
  }
}
const limits: SearchLimits = { maxPageSize: 50, maxDepth: 1_000, query: { maxLength: 200, maxTerms: 16 } };
const parse = (params: Record<string, string | string[]>) =>
  parseSearchParams(params, limits, new Communes());

function fieldsOf(params: Record<string, string | string[]>): string[] {
  try {
    parse(params);
  } catch (e) {
    if (isDomainError(e, ['SEARCH_INVALID_PARAMS'])) return (e.details ?? []).map((d) => d.field);
    throw e;
  }
  throw new Error('accepted');
}

describe('parseSearchParams', () => {
  it('reads the criteria parameters, resolving a commune name to its INSEE code', () => {
    const request = parse({ q: 'comptable', commune: 'Lyon', radius: '30', contract: 'cdi,cdd' });
    expect(request.criteria).toEqual(
      SearchCriteriaSchema.parse({
        q: 'comptable',
        where: { kind: 'commune', communeCode: '69123', radiusKm: 30 },
        contractTypes: ['cdi', 'cdd'],
      }),
    );
    expect(request.parsed?.required).toHaveLength(1);
    expect(request).toMatchObject({ sort: 'relevance', size: 20, cursor: null, facets: true });
  });

  it('sorts by date without text', () => {
    expect(parse({}).sort).toBe('date');
  });

  it('names every bad parameter at once', () => {
    expect(fieldsOf({ sort: '_script', size: '10000', from: '1000000', facets: 'yes' }).sort()).toEqual([
      'facets',
      'from',
      'size',
      'sort',
    ]);
    expect(fieldsOf({ commune: 'Atlantide' })).toEqual(['commune']);
    expect(fieldsOf({ commune: '99999' })).toEqual(['commune']);
    expect(fieldsOf({ sort: 'distance', department: '69' })).toEqual(['sort']);
    expect(fieldsOf({ publishedSince: 'yesterday' })).toEqual(['publishedSince']);
    expect(fieldsOf({ size: ['10', '20'] })).toEqual(['size']);
    expect(fieldsOf({ size: '0' })).toEqual(['size']);
    expect(fieldsOf({ contract: 'permanent' })).toEqual(['contract']);
  });

  it('caps the query length and its number of terms', () => {
    expect(fieldsOf({ q: 'x'.repeat(201) })).toEqual(['q']);
    expect(fieldsOf({ q: Array.from({ length: 17 }, (_, i) => `mot${i}`).join(' ') })).toEqual(['q']);
  });

  it('counts facets by default on the first page only, and wherever they are asked for', () => {
    const cursor = encodeCursor({ sort: 'date', depth: 20, after: ['2026-11-01T00:00:00.000Z', 'id-1'] });
    expect(parse({}).facets).toBe(true);
    expect(parse({ after: cursor }).facets).toBe(false);
    expect(parse({ after: cursor, facets: 'true' }).facets).toBe(true);
    expect(parse({ facets: 'false' }).facets).toBe(false);
  });

  it('accepts a cursor of the same sort within the depth cap, and nothing else', () => {
    const cursor = encodeCursor({ sort: 'date', depth: 40, after: ['2026-11-01T00:00:00.000Z', 'id-1'] });
    expect(parse({ after: cursor }).cursor).toEqual({
      sort: 'date',
      depth: 40,
      after: ['2026-11-01T00:00:00.000Z', 'id-1'],
    });
    expect(fieldsOf({ after: cursor, q: 'comptable' })).toEqual(['after']);
    expect(fieldsOf({ after: encodeCursor({ sort: 'date', depth: 990, after: ['x', 'y'] }) })).toEqual([
      'after',
    ]);
    expect(fieldsOf({ after: 'bm90IGEgY3Vyc29y' })).toEqual(['after']);
    expect(fieldsOf({ after: encodeCursor({ sort: 'date', depth: 0, after: [{} as never, 'y'] }) })).toEqual([
      'after',
    ]);
  });
});
