import { testInfra, uniqueId } from '@vigie/testing';
import { runSearchDifferential } from './test/search-differential';

jest.setTimeout(420_000);

/**
 * « Same answers as search » on the real engine: 1,000 generated alerts (real occupation labels and
 * communes) against every real offer of ../shared/data, each alert run as one search with the
 * search API's query, 100 of them through the percolator too. `npm run measure:differential` runs
 * a larger set.
 */
describe('the running matcher’s engine and the search API give the same answers', () => {
  it('matches each alert with exactly the offers its search returns, and the percolator agrees', async () => {
    const report = await runSearchDifferential({
      searchUrl: testInfra().searchUrl,
      indexPrefix: uniqueId('differential'),
      alerts: 1_000,
      percolatorAlerts: 100,
      seed: 81,
    });

    expect(report.searchDifferences).toEqual([]);
    expect(report.percolatorDifferences).toEqual([]);
    // Not vacuous: a third of the alerts match offers, and both sides counted the same hits.
    expect(report.alertsMatching).toBeGreaterThan(report.alerts / 4);
    expect(report.searchMatches).toBe(report.engineMatches);
    expect(report.percolatorMatches).toBeGreaterThan(1_000);
  });
});
