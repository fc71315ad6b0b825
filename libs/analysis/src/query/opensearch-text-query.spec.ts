import { openSearchTextQuery, parseQuery, PREANALYSED_ANALYZER } from '@vigie/analysis';

const fields = ['title^3', 'description', 'companyName'];
const term = (query: string) => ({
  multi_match: { query, fields, type: 'best_fields', analyzer: PREANALYSED_ANALYZER },
});
const phrase = (query: string) => ({
  multi_match: { query, fields, type: 'phrase', analyzer: PREANALYSED_ANALYZER },
});

describe('openSearchTextQuery', () => {
  it('asks for every clause with pre-analysed terms the engine does not analyse again', () => {
    expect(openSearchTextQuery(parseQuery('java "chef de projet" -stage -"temps partiel"'))).toEqual({
      bool: {
        must: [term('java'), phrase('chef _ projet')],
        must_not: [term('stag'), phrase('temp partiel')],
      },
    });
  });

  it('puts the alternatives of a term with synonyms in a should, one of them needed', () => {
    expect(openSearchTextQuery(parseQuery('RH'))).toEqual({
      bool: {
        must: [{ bool: { should: [term('rh'), phrase('resourc humain')], minimum_should_match: 1 } }],
      },
    });
  });

  it('matches everything for an empty query, and boosts fields for scoring only', () => {
    expect(openSearchTextQuery(parseQuery('de H/F'))).toEqual({ match_all: {} });
    expect(openSearchTextQuery(parseQuery('java'), { boosts: { title: 1, description: 2 } })).toEqual({
      bool: {
        must: [
          {
            multi_match: {
              query: 'java',
              fields: ['title', 'description^2', 'companyName'],
              type: 'best_fields',
              analyzer: PREANALYSED_ANALYZER,
            },
          },
        ],
      },
    });
  });
});
