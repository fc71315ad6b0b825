import {
  CvContactRequestCreatedV1,
  CvRetentionWarningCreatedV1,
  CvViewSummaryCreatedV1,
  TOPICS,
} from '@vigie/contracts';
import { AesGcmSubjectCipher, FakeClock, isSubjectErased } from '@vigie/kernel';
import { goldenFixture, InMemorySubjectKeyStore } from '@vigie/testing/unit';
import type { NoticeRecord } from './candidate-notice';
import { InMemoryNotices } from './in-memory-candidate-notice-ports';
import { ReceiveCandidateNoticesUseCase } from './receive-candidate-notices.usecase';
import { RecordCandidateNoticesUseCase } from './record-candidate-notices.usecase';

const summary = goldenFixture<CvViewSummaryCreatedV1>(TOPICS.cvViewSummaryCreated, 'weekly');
const warning = goldenFixture<CvRetentionWarningCreatedV1>(TOPICS.cvRetentionWarningCreated, 'month-before');
const contact = goldenFixture<CvContactRequestCreatedV1>(TOPICS.cvContactRequestCreated, 'with-message');

function newTestService() {
  const keys = new InMemorySubjectKeyStore();
  const cipher = new AesGcmSubjectCipher(keys);
  const notices = new InMemoryNotices();
  const sut = new ReceiveCandidateNoticesUseCase(
    cipher,
    new RecordCandidateNoticesUseCase(notices, new FakeClock('2026-12-01T08:00:00.000Z')),
  );
  const seal = async (candidateId: string, fields: object) =>
    cipher.encrypt(candidateId, JSON.stringify({ candidateId, ...fields }));
  return { sut, keys, cipher, notices, seal };
}

describe('ReceiveCandidateNoticesUseCase', () => {
  it('records sealed records of the three kinds as their clear twins, and clear ones as they are', async () => {
    const { sut, notices, seal } = newTestService();
    const { summaryId, createdAt: summarisedAt, candidateId: _s, ...summaryFields } = summary;
    const { warningId, createdAt: warnedAt, candidateId: _w, ...warningFields } = warning;
    const { requestId, createdAt: askedAt, candidateId: _c, ...contactFields } = contact;
    const records: NoticeRecord[] = [
      {
        kind: 'view-summary',
        record: { summaryId, createdAt: summarisedAt, sealed: await seal('cand-a', summaryFields) },
      },
      {
        kind: 'retention-warning',
        record: { warningId, createdAt: warnedAt, sealed: await seal('cand-a', warningFields) },
      },
      {
        kind: 'contact-request',
        record: { requestId, createdAt: askedAt, sealed: await seal('cand-a', contactFields) },
      },
      { kind: 'contact-request', record: { ...contact, requestId: '0b7c6d5e-4f3a-4b2c-9d1e-0f9a8b7c6d5e' } },
    ];

    expect(await sut.execute(records, (r) => r)).toEqual({ recorded: 4, erased: 0, invalid: [] });
    const rows = [...notices.rows.values()];
    expect(rows.map((r) => r.candidateId)).toEqual(['cand-a', 'cand-a', 'cand-a', contact.candidateId]);
    expect(rows[2]!.content).toEqual({
      kind: 'contact-request',
      requestId,
      company: contact.company,
      message: contact.message,
    });
    expect(rows[0]!.content).toMatchObject({ kind: 'view-summary', companies: summary.companies });
  });

  it('drops the records of an erased candidate (counted, never recorded) and records the others', async () => {
    const { sut, keys, notices, seal } = newTestService();
    const { requestId, createdAt, candidateId: _, ...fields } = contact;
    const ofErased = { requestId, createdAt, sealed: await seal('cand-erased', fields) };
    const ofKept = {
      requestId: '1c2d3e4f-5a6b-4c7d-8e9f-0a1b2c3d4e5f',
      createdAt,
      sealed: await seal('cand-kept', fields),
    };
    await keys.destroy(['cand-erased']);

    const received = await sut.execute([ofErased, ofKept], (record) => ({ kind: 'contact-request', record }));

    expect(received).toEqual({ recorded: 1, erased: 1, invalid: [] });
    expect([...notices.rows.values()].map((r) => r.candidateId)).toEqual(['cand-kept']);
  });

  it('returns for the dead letters a record sealed under another candidate’s key, or tampered with', async () => {
    const { sut, cipher, notices } = newTestService();
    const { requestId, createdAt, candidateId: _, ...fields } = contact;
    // The plaintext names cand-a, the key is cand-b's: a key cannot vouch for another person.
    const forged = {
      requestId,
      createdAt,
      sealed: await cipher.encrypt('cand-b', JSON.stringify({ candidateId: 'cand-a', ...fields })),
    };
    const honest = await cipher.encrypt('cand-c', JSON.stringify({ candidateId: 'cand-c', ...fields }));
    const tampered = { requestId, createdAt, sealed: { ...honest, ct: Buffer.from('x').toString('base64') } };

    const received = await sut.execute([forged, tampered], (record) => ({ kind: 'contact-request', record }));

    expect(received.erased).toBe(0);
    expect(received.invalid.map((i) => i.item)).toEqual([forged, tampered]);
    expect(notices.rows.size).toBe(0);
  });

  it('throws (the batch is retried) when the key store fails, rather than dropping the records', async () => {
    const { sut, keys, seal } = newTestService();
    const { requestId, createdAt, candidateId: _, ...fields } = contact;
    const record = { requestId, createdAt, sealed: await seal('cand-a', fields) };
    keys.keyById = () => Promise.reject(new Error('connection refused'));
    const error = await sut
      .execute([record], (r) => ({ kind: 'contact-request', record: r }))
      .catch((e: unknown) => e);
    expect(error).toEqual(new Error('connection refused'));
    expect(isSubjectErased(error)).toBe(false);
  });
});
