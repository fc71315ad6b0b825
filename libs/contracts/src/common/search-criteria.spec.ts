import {
  criteriaFromParams,
  criteriaToParams,
  SearchCriteria,
  SearchCriteriaSchema,
} from './search-criteria';

const full: SearchCriteria = SearchCriteriaSchema.parse({
  q: 'développeur "node.js" -stage',
  where: { kind: 'commune', communeCode: '69123', radiusKm: 30 },
  remote: ['partial', 'full'],
  contractTypes: ['cdi', 'cdd'],
  workingTimes: ['full_time'],
  minAnnualSalary: 45000,
  includeUnsalaried: false,
  romeCodes: ['M1805'],
  company: 'Atelier Numérique',
});

describe('search criteria as query parameters', () => {
  it('round-trips criteria through the query string', () => {
    const params: Record<string, string[]> = {};
    for (const [k, v] of criteriaToParams(full)) (params[k] ??= []).push(v);
    expect(criteriaFromParams(params)).toEqual({ ok: true, criteria: full });
  });

  it('defaults to anywhere, any contract, unsalaried offers included', () => {
    expect(criteriaFromParams({ q: 'soudeur' })).toEqual({
      ok: true,
      criteria: SearchCriteriaSchema.parse({ q: 'soudeur' }),
    });
  });

  it('gives a commune without a radius the default radius', () => {
    const r = criteriaFromParams({ commune: '44109' });
    expect(r.ok && r.criteria.where).toEqual({ kind: 'commune', communeCode: '44109', radiusKm: 10 });
  });

  it('accepts comma-separated and repeated lists alike', () => {
    const r = criteriaFromParams({ contract: ['cdi,cdd', 'interim'] });
    expect(r.ok && r.criteria.contractTypes).toEqual(['cdi', 'cdd', 'interim']);
  });

  it.each([
    [{ radius: '500', commune: '44109' }, 'radius'],
    [{ radius: 'far', commune: '44109' }, 'radius'],
    [{ radius: '10' }, 'radius'],
    [{ commune: 'Nantes' }, 'commune'],
    [{ commune: '44109', department: '44' }, 'commune'],
    [{ department: '99' }, 'department'],
    [{ contract: 'permanent' }, 'contract'],
    [{ minSalary: '-1' }, 'minSalary'],
    [{ includeUnsalaried: 'maybe' }, 'includeUnsalaried'],
    [{ rome: 'dev' }, 'rome'],
    [{ q: ['a', 'b'] }, 'q'],
  ])('names the parameter at fault: %j → %s', (params, field) => {
    const r = criteriaFromParams(params);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.errors.map((e) => e.field)).toContain(field);
  });
});
