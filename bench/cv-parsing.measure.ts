/**
 * npm run measure:cv-parsing — field-level precision and recall of the free-text CV parser
 * (apps/cv-intake/src/parsing/free-text-profile.ts), the figures of docs/cv.md, "Parsing free text".
 *
 * The labelled CVs come from ../shared/data (VIGIE_SHARED_DATA), read here only
 * (apps/cv-intake/test/cv-parsing-measure.ts says how): the 8 JSON Resume samples rendered in
 * English and in French (truth: the JSON), and 22 CVs of the Kaggle UpdatedResumeDataSet
 * labelled by reading (cv-parsing-labels.json). Each text is parsed as a text CV, then also as
 * the PDF (pdfkit) and DOCX built from it and read back by the real extractors, as an upload is.
 * Prints the figures and writes bench-results/cv-parsing.json (flat numbers).
 */
import { loadGazetteer } from '@vigie/geo';
import { docxFile, pdfFile, repoRoot, sharedDataDir } from '@vigie/testing';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  FIELDS,
  type FieldScores,
  type LabelledText,
  labelledTexts,
  measureCvParsing,
} from '../apps/cv-intake/test/cv-parsing-measure';
import { GazetteerCommuneDirectory } from '../apps/cv-intake/src/cv-search/gazetteer-commune-directory';
import { extractCvText } from '../apps/cv-intake/src/extraction/extract-cv-text';
import { DEFAULT_ZIP_LIMITS } from '../apps/cv-intake/src/upload/zip-inspection';

const pct = (v: number | null) => (v === null ? '   n/a' : `${(v * 100).toFixed(1).padStart(5)}%`);

function table(title: string, s: FieldScores): string {
  const rows = FIELDS.map(
    (f) =>
      `  ${f.padEnd(16)} P ${pct(s[f].precision)}  R ${pct(s[f].recall)}   (tp ${s[f].tp}, fp ${s[f].fp}, fn ${s[f].fn})`,
  );
  return [title, ...rows].join('\n');
}

/** The same CVs uploaded as PDF or DOCX: what the extractors give back is what gets parsed. */
async function asUploaded(texts: readonly LabelledText[], format: 'pdf' | 'docx'): Promise<LabelledText[]> {
  const out: LabelledText[] = [];
  for (const t of texts) {
    const lines = t.text.split(/\r?\n/);
    const bytes = format === 'pdf' ? await pdfFile(lines) : docxFile(lines);
    const outcome = await extractCvText(bytes, format, DEFAULT_ZIP_LIMITS);
    out.push({ ...t, text: outcome.text ?? '' });
  }
  return out;
}

async function main(): Promise<void> {
  const dir = sharedDataDir();
  if (!dir) {
    process.stdout.write('../shared/data is absent: there is no labelled CV to measure against\n');
    process.exitCode = 1;
    return;
  }
  const communes = new GazetteerCommuneDirectory(loadGazetteer());
  const texts = labelledTexts(dir, communes);
  const results: Record<string, number> = { cvs: texts.length };
  const text = measureCvParsing(texts, communes);
  process.stdout.write(`${texts.length} labelled CVs (${Object.keys(text.bySet).join(', ')})\n\n`);
  process.stdout.write(`${table('text, all sets', text.all)}\n\n`);
  for (const [set, scores] of Object.entries(text.bySet))
    process.stdout.write(`${table(`text, ${set}`, scores)}\n\n`);
  const record = (prefix: string, s: FieldScores) => {
    for (const f of FIELDS) {
      if (s[f].precision !== null) results[`${prefix}${f}_precision`] = s[f].precision;
      if (s[f].recall !== null) results[`${prefix}${f}_recall`] = s[f].recall;
    }
  };
  record('', text.all);
  const labelled = text.bySet['labelled-text'];
  if (labelled) record('labelled_', labelled);
  for (const format of ['pdf', 'docx'] as const) {
    const started = performance.now();
    const uploaded = measureCvParsing(await asUploaded(texts, format), communes);
    const seconds = (performance.now() - started) / 1000;
    process.stdout.write(
      `${table(`${format} (built, extracted, parsed in ${seconds.toFixed(1)} s)`, uploaded.all)}\n\n`,
    );
    record(`${format}_`, uploaded.all);
  }
  const out = join(repoRoot(), 'bench-results');
  mkdirSync(out, { recursive: true });
  writeFileSync(join(out, 'cv-parsing.json'), `${JSON.stringify(results, null, 2)}\n`);
  process.stdout.write('written to bench-results/cv-parsing.json\n');
}

main().catch((e: unknown) => {
  process.stderr.write(`${(e as Error).stack ?? String(e)}\n`);
  process.exitCode = 1;
});
