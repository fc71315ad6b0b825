#!/usr/bin/env node
// Prints the configuration table of the README from the services' own schemas (run after
// `npm run build`), so the documented variables are exactly the validated ones.
import { createRequire } from 'node:module';
const require = createRequire(import.meta.url);
const { describeConfig } = require('../dist/libs/config/src/index.js');

const services = [
  ['offer-ingestion', 'OFFER_INGESTION_ENV'],
  ['offer-indexer', 'OFFER_INDEXER_ENV'],
  ['cv-intake', 'CV_INTAKE_ENV'],
  ['alert-matcher', 'ALERT_MATCHER_ENV'],
  ['alert-delivery', 'ALERT_DELIVERY_ENV'],
  ['offer-search', 'OFFER_SEARCH_ENV'],
];
const rows = new Map();
for (const [service, exportName] of services) {
  const shape = require(`../dist/apps/${service}/src/config.js`)[exportName];
  for (const row of describeConfig(shape)) {
    const entry = rows.get(row.name) ?? { ...row, services: [] };
    entry.services.push(service);
    entry.required ||= row.required;
    rows.set(row.name, entry);
  }
}
console.log('| Variable | Services | Required | Secret | Description |');
console.log('|---|---|---|---|---|');
for (const r of rows.values()) {
  const where = r.services.length === services.length ? 'all' : r.services.join(', ');
  console.log(
    `| \`${r.name}\` | ${where} | ${r.required ? 'yes' : ''} | ${r.sensitive ? 'yes' : ''} | ${r.description.replace(/\|/g, '\\|')} |`,
  );
}
