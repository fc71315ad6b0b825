import { CvSearchParamsSchema } from './cv-search-params';

const parse = (query: Record<string, string>) => CvSearchParamsSchema.safeParse(query);
const fieldsOf = (query: Record<string, string>) => {
  const result = parse(query);
  return result.success ? [] : result.error.issues.map((i) => i.path.join('.'));
};

describe('CvSearchParamsSchema', () => {
  it('splits comma-separated skills and contracts, trims, and applies the paging defaults', () => {
    expect(
      parse({ skills: ' TypeScript, React ,,', contract: 'cdi,freelance', minExperience: '2.5' }),
    ).toEqual({
      success: true,
      data: {
        skills: ['TypeScript', 'React'],
        contract: ['cdi', 'freelance'],
        minExperience: 2.5,
        page: 1,
        size: 20,
      },
    });
  });

  it('names each bad parameter', () => {
    expect(fieldsOf({ skills: 'java', contract: 'permanent', size: '500', page: '0' })).toEqual(
      expect.arrayContaining(['contract.0', 'size', 'page']),
    );
    expect(fieldsOf({ commune: '4410', skills: 'java' })).toEqual(['commune']);
    expect(fieldsOf({ commune: '44109', radius: '201' })).toEqual(['radius']);
  });

  it('refuses a radius without a commune and a search without any criterion', () => {
    expect(fieldsOf({ skills: 'java', radius: '10' })).toEqual(['radius']);
    expect(fieldsOf({ page: '2' })).toEqual(['skills']);
  });

  it('refuses unknown parameters, so a typo never widens a search', () => {
    const result = parse({ skill: 'java', title: 'soudeur' });
    expect(result.success).toBe(false);
    expect(JSON.stringify(result.error?.issues)).toContain('skill');
  });
});
