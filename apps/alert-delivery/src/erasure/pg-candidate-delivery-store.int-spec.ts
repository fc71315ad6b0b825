import { randomUUID } from 'node:crypto';
import { AlertChangedV1, MatchCreatedV2, TOPICS } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import { goldenFixture, openTestDatabase, TestDatabase } from '@vigie/testing';
import { PgCandidateAddresses } from '../candidate-notices/pg-candidate-addresses';
import { PgCandidateNotices } from '../candidate-notices/pg-candidate-notices';
import { PgEmailLedger } from '../dispatch/pg-email-ledger';
import { ALERT_DELIVERY_MIGRATIONS } from '../migrations/alert-delivery-migrations';
import { PgAlertProjection } from '../projection/pg-alert-projection';
import { PgPendingMatches } from '../projection/pg-pending-matches';
import { RecordMatchesUseCase } from '../projection/project-changes.usecase';
import { PgCandidateDeliveryStore } from './pg-candidate-delivery-store';

const alertFixture = goldenFixture<AlertChangedV1>(TOPICS.alertChanged, 'active');
const matchFixture = goldenFixture<MatchCreatedV2>(TOPICS.matchCreatedV2, 'instant');
const AT = new Date('2026-12-01T20:00:00.000Z');

describe('PgCandidateDeliveryStore (erasure in alert-delivery, real Postgres)', () => {
  let db: TestDatabase;
  let alerts: PgAlertProjection;
  let record: RecordMatchesUseCase;
  let emails: PgEmailLedger;
  let sut: PgCandidateDeliveryStore;

  beforeAll(async () => {
    db = await openTestDatabase('delivery-erasure', ALERT_DELIVERY_MIGRATIONS);
    alerts = new PgAlertProjection(db.dataSource);
    record = new RecordMatchesUseCase(new PgPendingMatches(db.dataSource), new FakeClock(AT));
    emails = new PgEmailLedger(db.dataSource);
    sut = new PgCandidateDeliveryStore(db.dataSource);
  });

  afterAll(async () => {
    await db.drop();
  });

  /** A candidate with a projected alert, a waiting match and a sent e-mail that showed an offer. */
  async function candidateWithHistory(candidateId: string, email: string) {
    const alertId = randomUUID();
    const state = { ...alertFixture, alertId, candidateId, version: 2, contact: { email } };
    await alerts.apply([{ kind: 'state', alert: state }]);
    const sentMatch = { ...matchFixture, matchId: randomUUID(), alertId, candidateId, offerId: randomUUID() };
    const waiting = { ...matchFixture, matchId: randomUUID(), alertId, candidateId, offerId: randomUUID() };
    await record.execute([sentMatch, waiting]);
    const key = `group:${candidateId}:${sentMatch.matchId}`;
    await emails.claim([{ key, candidateId, messageId: `<${randomUUID()}@vigie.test>` }], 'test', 60_000);
    await emails.markSent(
      [
        {
          key,
          candidateId,
          shown: [{ offerId: sentMatch.offerId, clusterId: 'cluster-erasure' }],
          consumed: [sentMatch.matchId],
        },
      ],
      AT,
    );
    await emails.claim(
      [{ key: `confirm:${alertId}`, candidateId, messageId: `<${randomUUID()}@vigie.test>` }],
      'test',
      60_000,
    );
    await db.dataSource.query(
      `INSERT INTO deliveries (delivery_key, alert_id, offer_id, match_id, status, attempts)
       VALUES ($1, $2, $3, $4, 'sent', 1)`,
      [`${alertId}:${sentMatch.offerId}`, alertId, sentMatch.offerId, sentMatch.matchId],
    );
    // The CV e-mails' side: the notification address and an e-mail waiting to be sent.
    await new PgCandidateAddresses(db.dataSource).apply([
      { kind: 'address', candidateId, email, changedAt: AT },
    ]);
    await new PgCandidateNotices(db.dataSource).record([
      {
        key: `cv:contact-request:${randomUUID()}`,
        candidateId,
        content: {
          kind: 'contact-request',
          requestId: randomUUID(),
          company: 'Atelier Loire',
          message: null,
        },
        occurredAt: AT,
        receivedAt: AT,
      },
    ]);
    return { alertId, state, waiting };
  }

  /** Rows of any table of the schema whose text mentions one of `needles`. */
  async function rowsMentioning(...needles: string[]): Promise<Array<{ table: string; row: string }>> {
    const tables: Array<{ table_name: string }> = await db.dataSource.query(
      `SELECT table_name FROM information_schema.tables WHERE table_schema = $1 AND table_type = 'BASE TABLE'`,
      [db.schema],
    );
    const found: Array<{ table: string; row: string }> = [];
    for (const { table_name: table } of tables) {
      const rows: Array<{ row: string }> = await db.dataSource.query(
        `SELECT t::text AS row FROM "${table}" t WHERE t::text ILIKE ANY($1::text[])`,
        [needles.map((n) => `%${n}%`)],
      );
      found.push(...rows.map((r) => ({ table, row: r.row })));
    }
    return found;
  }

  it('erases the addresses, waiting matches and CV e-mails, e-mail ledger and what it showed, keeping only the alert id', async () => {
    const erased = await candidateWithHistory('cand-erased-1', 'louise.erased@example.org');
    const kept = await candidateWithHistory('cand-kept-1', 'paul.kept@example.org');

    expect(await sut.erase('cand-erased-1', AT)).toEqual({
      alerts: 1,
      pendingMatches: 1,
      emails: 2,
      sentOffers: 1,
      deliveries: 1,
      cvEmails: 2,
    });

    expect(await rowsMentioning('cand-erased-1', 'louise.erased@example.org')).toEqual([]);
    // The alert id alone stays, in erased_alerts: it links to nobody and refuses late records.
    expect((await rowsMentioning(erased.alertId)).map((r) => r.table)).toEqual(['erased_alerts']);
    expect((await alerts.get([kept.alertId])).get(kept.alertId)?.email).toBe('paul.kept@example.org');
    expect((await rowsMentioning('cand-kept-1')).length).toBeGreaterThanOrEqual(4);
  });

  it('refuses a late state or match of an erased alert, so nothing is sent to it again', async () => {
    const { alertId, state, waiting } = await candidateWithHistory('cand-erased-2', 'late@example.org');
    await sut.erase('cand-erased-2', AT);

    // Older records still on the topics, read after the erasure ran.
    await alerts.apply([{ kind: 'state', alert: { ...state, version: 3 } }]);
    await record.execute([{ ...waiting, matchId: randomUUID() }]);

    const addresses = new PgCandidateAddresses(db.dataSource);
    await addresses.apply([
      { kind: 'address', candidateId: 'cand-erased-2', email: 'late@example.org', changedAt: AT },
    ]);

    expect((await alerts.get([alertId])).size).toBe(0);
    expect(await alerts.addressesOf('cand-erased-2')).toEqual([]);
    expect(await addresses.addressesOf(['cand-erased-2'])).toEqual(new Map());
    expect(await rowsMentioning('cand-erased-2', 'late@example.org')).toEqual([]);
  });

  it('finds nothing on a replay and returns zero counts', async () => {
    await candidateWithHistory('cand-erased-3', 'twice@example.org');
    await sut.erase('cand-erased-3', AT);

    expect(await sut.erase('cand-erased-3', AT)).toEqual({
      alerts: 0,
      pendingMatches: 0,
      emails: 0,
      sentOffers: 0,
      deliveries: 0,
      cvEmails: 0,
    });
  });

  it('prunes the erased alert ids and candidates recorded before the given dates only', async () => {
    const { alertId } = await candidateWithHistory('cand-pruned', 'pruned@example.org');
    await sut.erase('cand-pruned', new Date('2026-11-01T00:00:00.000Z'));
    const counts = async () => {
      const [row]: Array<{ alerts: number; candidates: number }> = await db.dataSource.query(
        `SELECT (SELECT count(*)::int FROM erased_alerts WHERE alert_id = $1) AS alerts,
                (SELECT count(*)::int FROM erased_candidates WHERE candidate_sha256 = sha256(convert_to($2, 'UTF8'))) AS candidates`,
        [alertId, 'cand-pruned'],
      );
      return row;
    };

    await sut.pruneErased(new Date('2026-11-01T00:00:00.000Z'), new Date('2026-11-01T00:00:00.000Z'));
    expect(await counts()).toEqual({ alerts: 1, candidates: 1 });
    await sut.pruneErased(new Date('2026-11-02T00:00:00.000Z'), new Date('2026-11-01T00:00:00.000Z'));
    expect(await counts()).toEqual({ alerts: 0, candidates: 1 });
    await sut.pruneErased(new Date('2026-11-02T00:00:00.000Z'), new Date('2026-11-02T00:00:00.000Z'));
    expect(await counts()).toEqual({ alerts: 0, candidates: 0 });
  });
});
