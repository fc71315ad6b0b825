/**
 * Feed generators of bench:ingest: the same offers (a template varied by its index, so every
 * content hash differs) written in each of the five formats a recruiter may upload, as a stream of
 * text pieces so a 741,102-offer feed is never held in memory.
 */
import type { FeedFormat } from '../apps/offer-ingestion/src/imports/formats';

export interface Template {
  title: string;
  description: string;
  companyName: string | undefined;
  contractType: string;
  romeCode: string | undefined;
  city: string | undefined;
  postalCode: string | undefined;
  communeCode: string | undefined;
  latitude: number | undefined;
  longitude: number | undefined;
}

/**
 * Offer i of a feed: the title, company and place of one template and the description of two
 * others, so that offers are distinct jobs as on a real board (about 3,500 templates: one template
 * per offer would make every 3,500th offer a near-copy, and a 741,102-offer feed 200-fold
 * duplicates). `seed` shifts the combinations, so two feeds of one run hold different offers.
 */
export function offerAt(templates: readonly Template[], i: number, seed = 0) {
  const n = templates.length;
  const at = (k: number) => templates[((((i + seed) * k + (k >> 1)) % n) + n) % n]!;
  const head = at(1);
  const place = at(13);
  const body = at(31);
  const tail = at(7919);
  return {
    externalRef: `BENCH-${i}`,
    title: head.title,
    description: `${body.description}\n\n${tail.description}\nRéférence interne ${i}.`,
    companyName: at(17).companyName,
    contractType: head.contractType,
    romeCode: head.romeCode,
    city: place.city,
    postalCode: place.postalCode,
    communeCode: place.communeCode,
    latitude: place.latitude,
    longitude: place.longitude,
    salaryMin: 1_800 + (i % 900),
    salaryMax: 2_800 + (i % 900),
  };
}

type BenchOffer = ReturnType<typeof offerAt>;

const defined = (record: Record<string, unknown>) =>
  Object.fromEntries(Object.entries(record).filter(([, v]) => v !== undefined && v !== ''));
const hasCoordinates = (o: BenchOffer) => o.latitude !== undefined && o.longitude !== undefined;

function jsonlLine(o: BenchOffer): string {
  const location = o.city
    ? defined({
        city: o.city,
        postalCode: o.postalCode,
        communeCode: o.communeCode,
        ...(hasCoordinates(o) && { latitude: o.latitude, longitude: o.longitude }),
      })
    : undefined;
  return `${JSON.stringify(
    defined({
      externalRef: o.externalRef,
      title: o.title,
      description: o.description,
      companyName: o.companyName,
      contractType: o.contractType,
      romeCode: o.romeCode,
      location,
      salary: { min: o.salaryMin, max: o.salaryMax, period: 'month' },
    }),
  )}\n`;
}

/** Indeed's jobtype / schema.org's employmentType / France Travail's typeContrat for each contract. */
const SOURCE_CONTRACT: Record<string, { jobtype: string; employmentType: string[]; typeContrat: string }> = {
  cdi: { jobtype: 'CDI, fulltime', employmentType: ['FULL_TIME', 'CDI'], typeContrat: 'CDI' },
  cdd: { jobtype: 'CDD', employmentType: ['TEMPORARY'], typeContrat: 'CDD' },
  interim: { jobtype: 'intérim', employmentType: ['intérim'], typeContrat: 'MIS' },
  seasonal: { jobtype: 'saisonnier', employmentType: ['saisonnier'], typeContrat: 'SAI' },
  freelance: { jobtype: 'freelance', employmentType: ['CONTRACTOR'], typeContrat: 'LIB' },
};

const cdata = (text: string) => `<![CDATA[${text.replace(/]]>/g, ']]]]><![CDATA[>')}]]>`;
const xmlEscape = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;');

function xmlJob(o: BenchOffer): string {
  const field = (name: string, value: string | undefined, wrap = xmlEscape) =>
    value === undefined || value === '' ? '' : `<${name}>${wrap(value)}</${name}>`;
  return (
    '<job>' +
    field('referencenumber', o.externalRef) +
    field('title', o.title, cdata) +
    field('company', o.companyName, cdata) +
    field('city', o.city) +
    field('postalcode', o.postalCode) +
    field('country', 'FR') +
    field('description', o.description, cdata) +
    field('salary', `De ${o.salaryMin} à ${o.salaryMax} € brut par mois`) +
    field('jobtype', SOURCE_CONTRACT[o.contractType]?.jobtype ?? o.contractType) +
    '</job>\n'
  );
}

const CSV_COLUMNS = [
  'externalRef',
  'title',
  'description',
  'companyName',
  'contractType',
  'romeCode',
  'city',
  'postalCode',
  'communeCode',
  'latitude',
  'longitude',
  'salaryMin',
  'salaryMax',
  'salaryPeriod',
] as const;

/** A `;`-separated cell, quoted when needed (RFC 4180), numbers with a French decimal comma. */
function csvCell(value: string | number | undefined): string {
  if (value === undefined) return '';
  const text = typeof value === 'number' ? String(value).replace('.', ',') : value;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

function csvRow(o: BenchOffer): string {
  const row: Record<(typeof CSV_COLUMNS)[number], string | number | undefined> = {
    ...o,
    city: o.city,
    latitude: hasCoordinates(o) ? o.latitude : undefined,
    longitude: hasCoordinates(o) ? o.longitude : undefined,
    salaryPeriod: 'month',
  };
  return `${CSV_COLUMNS.map((c) => csvCell(row[c])).join(';')}\r\n`;
}

function jobPosting(o: BenchOffer): Record<string, unknown> {
  return defined({
    '@type': 'JobPosting',
    identifier: { '@type': 'PropertyValue', value: o.externalRef },
    title: o.title,
    description: o.description,
    employmentType: SOURCE_CONTRACT[o.contractType]?.employmentType ?? [o.contractType],
    hiringOrganization: o.companyName ? { '@type': 'Organization', name: o.companyName } : undefined,
    occupationalCategory: o.romeCode,
    jobLocation: o.city
      ? {
          '@type': 'Place',
          address: defined({ '@type': 'PostalAddress', addressLocality: o.city, postalCode: o.postalCode }),
          ...(hasCoordinates(o) && {
            geo: { '@type': 'GeoCoordinates', latitude: o.latitude, longitude: o.longitude },
          }),
        }
      : undefined,
    baseSalary: {
      '@type': 'MonetaryAmount',
      currency: 'EUR',
      value: {
        '@type': 'QuantitativeValue',
        minValue: o.salaryMin,
        maxValue: o.salaryMax,
        unitText: 'MONTH',
      },
    },
  });
}

function franceTravailOffer(o: BenchOffer): Record<string, unknown> {
  return defined({
    id: o.externalRef,
    intitule: o.title,
    description: o.description,
    entreprise: o.companyName ? { nom: o.companyName } : undefined,
    typeContrat: SOURCE_CONTRACT[o.contractType]?.typeContrat ?? 'CDI',
    romeCode: o.romeCode,
    lieuTravail: o.city
      ? defined({
          libelle: o.postalCode ? `${o.postalCode.slice(0, 2)} - ${o.city}` : o.city,
          codePostal: o.postalCode,
          commune: o.communeCode,
          ...(hasCoordinates(o) && { latitude: o.latitude, longitude: o.longitude }),
        })
      : undefined,
    salaire: { libelle: `Mensuel de ${o.salaryMin}.00 Euros à ${o.salaryMax}.00 Euros sur 12 mois` },
  });
}

/**
 * The text of a `total`-offer feed in `format`, piece by piece: JSON Lines of Vigie's shape, an
 * Indeed-style `<source>`, a `;` CSV with BOM and CRLF, a JSON-LD array of JobPostings, and France
 * Travail offers as JSON Lines (the shape of ../shared/data).
 */
export function* feedText(
  format: FeedFormat,
  templates: readonly Template[],
  total: number,
  seed = 0,
): Generator<string> {
  const offer = (i: number) => offerAt(templates, i, seed);
  switch (format) {
    case 'jsonl':
      for (let i = 0; i < total; i++) yield jsonlLine(offer(i));
      return;
    case 'xml':
      yield `<?xml version="1.0" encoding="utf-8"?>\n<source><publisher>Vigie bench</publisher><jobcount>${total}</jobcount>\n`;
      for (let i = 0; i < total; i++) yield xmlJob(offer(i));
      yield '</source>\n';
      return;
    case 'csv':
      yield `\uFEFF${CSV_COLUMNS.join(';')}\r\n`;
      for (let i = 0; i < total; i++) yield csvRow(offer(i));
      return;
    case 'jsonld':
      yield '[\n';
      for (let i = 0; i < total; i++) yield `${i === 0 ? '' : ',\n'}${JSON.stringify(jobPosting(offer(i)))}`;
      yield '\n]\n';
      return;
    case 'francetravail':
      for (let i = 0; i < total; i++) yield `${JSON.stringify(franceTravailOffer(offer(i)))}\n`;
      return;
  }
}
