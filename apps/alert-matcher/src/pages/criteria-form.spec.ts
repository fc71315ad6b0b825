import { criteriaParamsOf, scheduleOf } from './criteria-form';

describe('criteriaParamsOf', () => {
  it('keeps filled fields under their search API names and drops empty ones', () => {
    expect(
      criteriaParamsOf({
        q: ' soudeur ',
        commune: 'Nantes',
        radius: '30',
        department: '',
        contract: ['cdi', 'cdd'],
      }),
    ).toEqual({ q: 'soudeur', commune: 'Nantes', radius: '30', contract: ['cdi', 'cdd'] });
  });

  it('drops the default radius when no commune is given', () => {
    expect(criteriaParamsOf({ department: '44', radius: '10' })).toEqual({ department: '44' });
  });

  it('reads an unticked « include unsalaried » box as no when a minimum salary is given', () => {
    expect(criteriaParamsOf({ q: 'x', minSalary: '30000' })).toMatchObject({ includeUnsalaried: 'false' });
    expect(criteriaParamsOf({ q: 'x', minSalary: '30000', includeUnsalaried: 'true' })).toMatchObject({
      includeUnsalaried: 'true',
    });
  });
});

describe('scheduleOf', () => {
  it('reads the frequency, hour and weekday', () => {
    expect(scheduleOf({ frequency: 'weekly', hour: '18', weekday: '5' })).toEqual({
      ok: true,
      frequency: 'weekly',
      schedule: { hour: 18, weekday: 5 },
    });
  });

  it('names every field that is missing or out of range', () => {
    const got = scheduleOf({ frequency: 'hourly', hour: '24', weekday: '' });
    expect(got.ok).toBe(false);
    expect(!got.ok && got.errors.map((e) => e.field)).toEqual(['frequency', 'hour', 'weekday']);
  });
});
