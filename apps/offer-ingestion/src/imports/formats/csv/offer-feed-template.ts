import { join } from 'node:path';

/**
 * The CSV columns, in the template's order. Names are matched case-insensitively; unknown columns
 * are ignored; only `externalRef` must be present in the header (the rest is checked per offer).
 */
export const CSV_COLUMNS = [
  'externalRef',
  'title',
  'description',
  'companyName',
  'contractType',
  'workingTime',
  'remote',
  'city',
  'postalCode',
  'communeCode',
  'latitude',
  'longitude',
  'salaryMin',
  'salaryMax',
  'salaryPeriod',
  'romeCode',
  'applyUrl',
  'publishedAt',
  'validThrough',
] as const;
export type CsvColumn = (typeof CSV_COLUMNS)[number];

/**
 * The template recruiters download (GET /v1/imports/templates/offers.csv): `;`-separated as French
 * spreadsheets save it, UTF-8 with a BOM so Excel shows the accents, French decimals. The same text
 * is in offer-feed-template.csv beside this file (a test keeps the two equal).
 */
export const OFFER_FEED_TEMPLATE_CSV =
  '\uFEFF' +
  [
    CSV_COLUMNS.join(';'),
    'SOUD-44-001;Soudeur TIG H/F;"Soudure TIG sur inox.\nHabilitation exigée.";Chantiers Exemple;CDI;full_time;none;Saint-Nazaire;44600;44184;47,2735;-2,2138;2 100;2 400;month;H2913;https://ats.example.fr/jobs/SOUD-44-001;2026-11-24T09:30:00Z;2027-01-31T00:00:00Z',
    'CAR-69-002;Cariste;Conduite de chariots élévateurs.;;Intérim;;partial;Lyon;69003;;;;11,88;;hour;;;;',
  ].join('\r\n') +
  '\r\n';

/** The template's path in the source tree (not in dist/: serve OFFER_FEED_TEMPLATE_CSV). */
export const OFFER_FEED_TEMPLATE_PATH = join(__dirname, 'offer-feed-template.csv');
