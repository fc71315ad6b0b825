/**
 * npm run bench:deliver — alert-delivery's grouped path on real Postgres and a real SMTP server
 * (smtp-server, in headers mode and on a worker thread, bench/smtp-relay.worker.ts, as a relay on
 * another host would be, so receiving the e-mails does not share the event loop it measures):
 *   BENCH_MATCHES match events (default 100,000; MatchCreatedV2, validated by its schema) for
 *   BENCH_CANDIDATES candidates (default 20,000, one alert each) are recorded through the use case
 *   the v2 consumer calls (RecordMatchesUseCase, batches of 500), then the dispatch job's use case
 *   runs until nothing is due, on a FakeClock moved past the grouping window and the digest slots.
 * The mix, written down here:
 *   alerts     — 70 % instant, 25 % daily at 08:00 Europe/Paris, 5 % weekly (Wednesday 08:00);
 *   matches    — every candidate gets at least one; the rest go to candidates drawn with a skew
 *                (a few candidates get many offers: a feed of 40 becomes one e-mail of 10);
 *                companies from a pool of 400 (the 2-per-company rule bites on the busy ones);
 *                3 % are a copy of another offer of the same candidate (same duplicate cluster);
 *                1 % of the offers are withdrawn before the send (offer projection: deleted).
 * Figures: matches, emails_sent (accepted by the SMTP server), emails_per_s (over the dispatch
 * phase), matches_per_s (recording + dispatch), rss_peak_mib (this process: delivery and the SMTP
 * server), grouped_share (offers shown in e-mails showing 2 or more / offers shown), duplicates_sent
 * (Message-IDs received more than once: must be 0), db_queries_per_email (Postgres statements the
 * dispatch phase issued, per e-mail sent: the round trips batching removes), cpu_ms_per_email
 * (this process's CPU time over the dispatch phase per e-mail, delivery and relay threads: a
 * figure a loaded machine changes less than a rate), and smtp_only_emails_per_s: the same SMTP pool
 * sending 1,000 e-mails with no database work, the ceiling the relay leg sets on this machine at the
 * time of the run. Target: ≥ 500 e-mails/s. The machine is shared:
 * figures are lower bounds. Writes bench-results/deliver.json.
 */
import { randomUUID } from 'node:crypto';
import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  AlertChangedV1,
  AlertChangedV1Schema,
  MatchCreatedV2,
  MatchCreatedV2Schema,
  TOPICS,
} from '@vigie/contracts';
import { openDatabase } from '@vigie/database';
import { CandidateLinks, FakeClock, SignedTokens } from '@vigie/kernel';
import { FaultInjector, MetricsRegistry } from '@vigie/observability';
import { Worker } from 'node:worker_threads';
import { goldenFixture, repoRoot, seededRandom, TEST_SECRETS } from '@vigie/testing';
import pino from 'pino';
import { DispatchEmailsUseCase } from '../apps/alert-delivery/src/dispatch/dispatch-emails.usecase';
import { PgEmailLedger } from '../apps/alert-delivery/src/dispatch/pg-email-ledger';
import { DEFAULT_SELECTION_RULES } from '../apps/alert-delivery/src/dispatch/select-offers';
import { SmtpMailer } from '../apps/alert-delivery/src/mail/smtp-mailer';
import { ALERT_DELIVERY_MIGRATIONS } from '../apps/alert-delivery/src/migrations/alert-delivery-migrations';
import { PgAlertProjection } from '../apps/alert-delivery/src/projection/pg-alert-projection';
import { PgOfferStates } from '../apps/alert-delivery/src/projection/pg-offer-states';
import { PgPendingMatches } from '../apps/alert-delivery/src/projection/pg-pending-matches';
import { RecordMatchesUseCase } from '../apps/alert-delivery/src/projection/project-changes.usecase';
import { PgSuppressionList } from '../apps/alert-delivery/src/suppression/pg-suppression-list';
import type { RelayReply, RelayRequest } from './smtp-relay.worker';

const MATCHES = Number(process.env.BENCH_MATCHES ?? process.argv[2] ?? 100_000);
const CANDIDATES = Number(process.env.BENCH_CANDIDATES ?? 20_000);
const CONNECTIONS = Number(process.env.BENCH_SMTP_CONNECTIONS ?? 8);
const BATCH = 500;
const TARGET_EMAILS_PER_S = 500;
/** Wednesday 2 December 2026, 07:30 in Paris: after the quiet hours, before the 08:00 digests. */
const RECORDED_AT = '2026-12-02T06:30:00.000Z';
/** 09:05 in Paris: every instant window and every 08:mm digest slot has passed. */
const DISPATCH_AT = '2026-12-02T08:05:00.000Z';

interface InfraModule {
  resolveInfrastructure(): Promise<{ env: Record<string, string>; state: unknown }>;
  releaseInfrastructure(state: unknown): Promise<void>;
}

/** The SMTP relay on its worker thread: one request at a time, answered by its reply. */
class WorkerRelay {
  private constructor(
    private readonly worker: Worker,
    readonly url: string,
  ) {}

  static async start(): Promise<WorkerRelay> {
    const worker = new Worker(join(__dirname, 'smtp-relay.worker.js'));
    const ready = await new Promise<RelayReply>((resolve, reject) => {
      worker.once('message', resolve);
      worker.once('error', reject);
    });
    if (ready.kind !== 'ready') throw new Error(`SMTP relay worker: unexpected ${ready.kind}`);
    return new WorkerRelay(worker, ready.url);
  }

  ask(request: 'report'): Promise<Extract<RelayReply, { kind: 'report' }>>;
  ask(request: RelayRequest): Promise<RelayReply>;
  ask(request: RelayRequest): Promise<RelayReply> {
    const answer = new Promise<RelayReply>((resolve) => this.worker.once('message', resolve));
    this.worker.postMessage(request);
    return answer;
  }
}

function alertsOf(random: () => number): AlertChangedV1[] {
  const base = goldenFixture<AlertChangedV1>(TOPICS.alertChanged, 'active');
  return Array.from({ length: CANDIDATES }, (_, i) => {
    const r = random();
    const frequency = r < 0.7 ? 'instant' : r < 0.95 ? 'daily' : 'weekly';
    return AlertChangedV1Schema.parse({
      ...base,
      alertId: randomUUID(),
      candidateId: `bench-cand-${i}`,
      frequency,
      schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 3 },
      contact: { email: `bench-${i}@example.org` },
    });
  });
}

/**
 * The match events, generated batch by batch (the bench's own data must not weigh on the RSS it
 * reports); `withdrawn` says which offers the offer projection marks deleted before the send.
 */
function* matchBatches(
  alerts: AlertChangedV1[],
  random: () => number,
): Generator<{ matches: MatchCreatedV2[]; withdrawn: MatchCreatedV2[] }> {
  const base = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');
  const firstCluster = new Map<number, string>();
  for (let from = 0; from < MATCHES; from += BATCH) {
    const matches: MatchCreatedV2[] = [];
    const withdrawn: MatchCreatedV2[] = [];
    for (let i = from; i < Math.min(MATCHES, from + BATCH); i++) {
      // The first CANDIDATES matches give everyone one; the rest are skewed towards low indices.
      const c = i < CANDIDATES ? i : Math.floor(CANDIDATES * random() ** 2);
      const alert = alerts[c]!;
      const offerId = randomUUID();
      const copyOf = firstCluster.has(c) && random() < 0.03 ? firstCluster.get(c) : undefined;
      const match = MatchCreatedV2Schema.parse({
        ...base,
        matchId: randomUUID(),
        alertId: alert.alertId,
        candidateId: alert.candidateId,
        offerId,
        clusterId: copyOf ?? `cluster-${offerId}`,
        frequency: alert.frequency,
        matchedAt: RECORDED_AT,
        offer: {
          ...base.offer,
          title: `Technicien de maintenance ${i}`,
          companyName: `Entreprise ${Math.floor(400 * random() ** 3)}`,
          applyUrl: `https://emplois.example.org/offres/${offerId}`,
        },
      });
      if (!firstCluster.has(c)) firstCluster.set(c, match.clusterId!);
      if (i % 100 === 7) withdrawn.push(match);
      matches.push(match);
    }
    yield { matches, withdrawn };
  }
}

/**
 * The ceiling set by the SMTP leg alone on this machine right now: the same pool sending 1,000
 * e-mails of a grouped e-mail's size with no database work, so the figure above can be read
 * against what the relay connection allows.
 */
async function smtpCeiling(mailer: SmtpMailer, connections: number): Promise<number> {
  const total = 1_000;
  let next = 0;
  const started = Date.now();
  await Promise.all(
    Array.from({ length: connections }, async () => {
      while (next < total) {
        const k = next++;
        await mailer.send({
          to: `ceiling-${k}@example.org`,
          subject: '5 nouvelles offres pour votre alerte',
          text: 'Technicien de maintenance — Pourquoi cette offre ?\n'.repeat(60),
          html: '<article><h2>Technicien de maintenance</h2><p>Pourquoi cette offre ?</p></article>'.repeat(
            30,
          ),
          messageId: `<ceiling-${k}@vigie.localhost>`,
          headers: { 'X-Vigie-Alert-Id': `ceiling-${k}` },
        });
      }
    }),
  );
  return total / ((Date.now() - started) / 1000);
}

async function main(): Promise<void> {
  const infraModule = (await import(join(repoRoot(), 'test', 'infra', 'resolve-infra.mjs'))) as InfraModule;
  const { env, state } = await infraModule.resolveInfrastructure();
  const smtp = await WorkerRelay.start();
  const schema = `bench_deliver_${Date.now().toString(36)}`;
  const dataSource = await openDatabase({
    url: env.VIGIE_TEST_DATABASE_URL!,
    schema,
    poolMax: CONNECTIONS + 2,
    statementTimeoutMs: 60_000,
    applicationName: 'bench-deliver',
    migrations: ALERT_DELIVERY_MIGRATIONS,
  });
  let rssPeak = process.memoryUsage().rss;
  const sampler = setInterval(() => (rssPeak = Math.max(rssPeak, process.memoryUsage().rss)), 100);
  const mailer = new SmtpMailer({
    url: smtp.url,
    from: 'Vigie Alertes <alertes@vigie.localhost>',
    requireTls: false,
    maxConnections: CONNECTIONS,
  });
  try {
    const random = seededRandom(9);
    const alerts = alertsOf(random);
    process.stdout.write(
      `bench:deliver — ${MATCHES} matches, ${alerts.length} candidates, ${CONNECTIONS} SMTP connections\n`,
    );
    const projection = new PgAlertProjection(dataSource);
    for (let i = 0; i < alerts.length; i += BATCH)
      await projection.apply(alerts.slice(i, i + BATCH).map((alert) => ({ kind: 'state', alert })));
    const offers = new PgOfferStates(dataSource);

    const smtpOnly = await smtpCeiling(mailer, CONNECTIONS);
    process.stdout.write(
      `SMTP leg alone (nodemailer pool → smtp-server): ${Math.round(smtpOnly)} e-mails/s\n`,
    );
    await smtp.ask('reset');

    const clock = new FakeClock(RECORDED_AT);
    const LINKS = new CandidateLinks(
      'http://127.0.0.1:3004',
      new SignedTokens(TEST_SECRETS.ALERT_LINK_SECRET, clock),
    );
    const record = new RecordMatchesUseCase(new PgPendingMatches(dataSource), clock);
    const started = Date.now();
    let recordedMatches = 0;
    for (const { matches, withdrawn } of matchBatches(alerts, random)) {
      await record.execute(matches);
      await offers.apply(
        withdrawn.map((m) => ({ offerId: m.offerId, version: 2, status: 'deleted', clusterId: m.clusterId })),
      );
      recordedMatches += matches.length;
    }
    const recorded = Date.now();
    process.stdout.write(`recorded in ${((recorded - started) / 1000).toFixed(1)} s; dispatching…\n`);

    clock.set(DISPATCH_AT);
    // Every Postgres statement of the dispatch phase goes through dataSource.query: count them.
    let queries = 0;
    const query = dataSource.query.bind(dataSource);
    dataSource.query = ((...args: Parameters<typeof query>) => {
      queries++;
      return query(...args);
    }) as typeof dataSource.query;
    const cpuBefore = process.cpuUsage();
    const dispatch = new DispatchEmailsUseCase(
      new PgEmailLedger(dataSource),
      projection,
      offers,
      new PgSuppressionList(dataSource),
      mailer,
      LINKS,
      clock,
      FaultInjector.none(),
      {
        groupWindowMs: 120_000,
        quietHours: { start: 22, end: 7 },
        dailyCap: 6,
        rules: DEFAULT_SELECTION_RULES,
        leaseMs: 60_000,
        owner: 'bench',
        mailDomain: 'vigie.localhost',
        searchUrl: 'http://127.0.0.1:3002/v1/offers/search',
        batchLimit: 500,
        concurrency: CONNECTIONS,
      },
      pino({ level: 'warn' }),
      new MetricsRegistry(),
    );
    const outcomes = new Map<string, number>();
    for (;;) {
      const run = await dispatch.run();
      for (const o of run) outcomes.set(o, (outcomes.get(o) ?? 0) + 1);
      if (run.length === 0) break;
      if (run.every((o) => o === 'not_due' || o === 'capped' || o === 'alert_unknown'))
        throw new Error(`dispatch stalled: ${JSON.stringify([...outcomes])}`);
    }
    const done = Date.now();
    const cpu = process.cpuUsage(cpuBefore);
    const dispatchQueries = queries;
    clearInterval(sampler);

    const { received, duplicates } = await smtp.ask('report');
    const shown: Array<{ n: string; grouped: string; emails: string }> = await dataSource.query(
      `SELECT coalesce(sum(offer_count), 0) AS n,
              coalesce(sum(offer_count) FILTER (WHERE offer_count >= 2), 0) AS grouped,
              count(*) AS emails
       FROM emails WHERE status = 'sent'`,
    );
    const emailsSent = received;
    const dispatchS = (done - recorded) / 1000;
    const results = {
      matches: recordedMatches,
      candidates: alerts.length,
      emails_sent: emailsSent,
      ledger_sent: Number(shown[0]!.emails),
      offers_shown: Number(shown[0]!.n),
      record_s: Number(((recorded - started) / 1000).toFixed(2)),
      dispatch_s: Number(dispatchS.toFixed(2)),
      emails_per_s: Math.round(emailsSent / dispatchS),
      matches_per_s: Math.round(recordedMatches / ((done - started) / 1000)),
      rss_peak_mib: Math.round(rssPeak / 2 ** 20),
      grouped_share: Number((Number(shown[0]!.grouped) / Math.max(1, Number(shown[0]!.n))).toFixed(3)),
      duplicates_sent: duplicates,
      db_queries_per_email: Number((dispatchQueries / Math.max(1, emailsSent)).toFixed(3)),
      cpu_ms_per_email: Number(((cpu.user + cpu.system) / 1000 / Math.max(1, emailsSent)).toFixed(2)),
      smtp_only_emails_per_s: Math.round(smtpOnly),
      share_of_smtp_ceiling: Number((emailsSent / dispatchS / smtpOnly).toFixed(2)),
      target_emails_per_s: TARGET_EMAILS_PER_S,
      ratio_to_target: Number((emailsSent / dispatchS / TARGET_EMAILS_PER_S).toFixed(2)),
    };
    process.stdout.write(`outcomes: ${JSON.stringify(Object.fromEntries(outcomes))}\n`);
    for (const [k, v] of Object.entries(results)) process.stdout.write(`  ${k.padEnd(20)} ${v}\n`);
    process.stdout.write(
      `e-mails/s ${results.emails_per_s} (target ≥ ${TARGET_EMAILS_PER_S}: ${results.emails_per_s >= TARGET_EMAILS_PER_S ? 'met' : 'NOT met'}); duplicates ${duplicates} (must be 0)\n`,
    );
    mkdirSync(join(repoRoot(), 'bench-results'), { recursive: true });
    writeFileSync(join(repoRoot(), 'bench-results', 'deliver.json'), `${JSON.stringify(results, null, 2)}\n`);
    if (duplicates > 0 || emailsSent !== results.ledger_sent) process.exitCode = 1;
  } finally {
    clearInterval(sampler);
    mailer.close();
    await dataSource.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
    await dataSource.destroy();
    await smtp.ask('stop');
    await infraModule.releaseInfrastructure(state);
  }
}

main().catch((error: unknown) => {
  process.stderr.write(`${(error as Error).stack ?? String(error)}\n`);
  process.exit(1);
});
