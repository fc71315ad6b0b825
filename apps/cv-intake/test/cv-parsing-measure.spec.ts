import { loadGazetteer } from '@vigie/geo';
import { sharedDataDir } from '@vigie/testing';
import { GazetteerCommuneDirectory } from '../src/cv-search/gazetteer-commune-directory';
import { type Field, labelledTexts, measureCvParsing } from './cv-parsing-measure';

/**
 * The measure of `npm run measure:cv-parsing` (text path) as a regression test: each floor sits a
 * little under the figure measured on 1 Dec 2026 (docs/cv.md), so a change that makes the parser
 * worse on the labelled CVs fails here.
 */
const FLOORS_ALL: Record<Field, [precision: number, recall: number]> = {
  title: [0.95, 0.65],
  skills: [0.95, 0.87],
  languages: [0.95, 0.95],
  experienceYears: [0.95, 0.95],
  education: [0.92, 0.92],
  commune: [0.95, 0.95],
  contractTypes: [0.95, 0.95],
};
// The 22 CVs labelled by reading: the figure that does not depend on our own rendering.
const FLOORS_LABELLED: Partial<Record<Field, [number, number]>> = {
  title: [0.9, 0.25],
  skills: [0.88, 0.67],
  education: [0.88, 0.92],
  languages: [0.95, 0.95],
};

describe('CV parsing precision and recall on the labelled CVs of ../shared/data', () => {
  it('stays above its floors, field by field', () => {
    const dir = sharedDataDir();
    if (!dir) {
      console.log('NOTICE: ../shared/data is absent; the CV parsing measure is not run');
      return;
    }
    const communes = new GazetteerCommuneDirectory(loadGazetteer());
    const texts = labelledTexts(dir, communes);
    expect(texts.filter((t) => t.set === 'labelled-text').length).toBeGreaterThanOrEqual(20);

    const result = measureCvParsing(texts, communes);

    const below: string[] = [];
    const check = (
      set: string,
      scores: typeof result.all,
      floors: Partial<Record<Field, [number, number]>>,
    ) => {
      for (const [field, [p, r]] of Object.entries(floors) as Array<[Field, [number, number]]>) {
        const s = scores[field];
        if ((s.precision ?? 0) < p) below.push(`${set} ${field} precision ${s.precision} < ${p}`);
        if ((s.recall ?? 0) < r) below.push(`${set} ${field} recall ${s.recall} < ${r}`);
      }
    };
    check('all', result.all, FLOORS_ALL);
    check('labelled', result.bySet['labelled-text']!, FLOORS_LABELLED);
    expect(below).toEqual([]);
  });
});
