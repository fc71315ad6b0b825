import { alertChangedV1, SearchCriteriaSchema } from '@vigie/contracts';
import { FakeClock } from '@vigie/kernel';
import {
  FakePlaceDirectory,
  FakeUnitOfWork,
  InMemoryAlertRepository,
  RecordingOutbox,
} from '../testing/alert-fakes';
import { AlertCriteriaPolicy } from './alert-criteria';
import { AlertError } from './alert-errors';
import { addressCandidateId, AlertOwner, CreateAlertUseCase } from './create-alert.usecase';

const camille: AlertOwner = {
  kind: 'candidate',
  candidateId: 'cand-7f3a9c',
  email: 'camille.martin@example.org',
};
const visitor: AlertOwner = { kind: 'address', email: 'Noor.Haddad@example.org' };
const criteria = (raw: Record<string, unknown>) => SearchCriteriaSchema.parse(raw);

function newTestService(max = 3) {
  const mocks = {
    alerts: new InMemoryAlertRepository(),
    outbox: new RecordingOutbox(),
    unitOfWork: new FakeUnitOfWork(),
    clock: new FakeClock('2026-12-01T08:00:00Z'),
  };
  const sut = new CreateAlertUseCase(
    mocks.unitOfWork,
    mocks.alerts,
    mocks.outbox,
    new AlertCriteriaPolicy(new FakePlaceDirectory()),
    mocks.clock,
    max,
  );
  return { sut, mocks };
}

async function errorOf(promise: Promise<unknown>): Promise<AlertError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AlertError) return e;
    throw e;
  }
  throw new Error('expected an AlertError');
}

const changed = (outbox: RecordingOutbox) =>
  outbox.events.map((e) => alertChangedV1.value.parse(JSON.parse(e.value)));

describe('CreateAlertUseCase', () => {
  it('answers a creation retried with its Idempotency-Key with the first alert, announced once', async () => {
    const { sut, mocks } = newTestService();
    const first = await sut.execute({
      owner: camille,
      criteria: criteria({ q: 'soudeur' }),
      idempotencyKey: 'cv-suggestion:1',
    });

    const again = await sut.execute({
      owner: camille,
      criteria: criteria({ q: 'soudeur' }),
      idempotencyKey: 'cv-suggestion:1',
    });
    const other = await sut.execute({
      owner: camille,
      criteria: criteria({ q: 'soudeur' }),
      idempotencyKey: 'cv-suggestion:2',
    });

    expect(again.id).toBe(first.id);
    expect(other.id).not.toBe(first.id);
    expect(mocks.outbox.events.map((e) => e.key)).toEqual([first.id, other.id]);
  });

  it('makes a verified candidate’s alert active at once and announces its whole state', async () => {
    const { sut, mocks } = newTestService();

    const alert = await sut.execute({ owner: camille, criteria: criteria({ q: 'soudeur' }) });

    expect(alert).toMatchObject({ status: 'active', version: 1, candidateId: 'cand-7f3a9c' });
    expect(mocks.outbox.events.map((e) => [e.topic, e.key])).toEqual([['alerts.alert.changed.v1', alert.id]]);
    expect(changed(mocks.outbox)[0]).toMatchObject({
      alertId: alert.id,
      status: 'active',
      version: 1,
      frequency: 'instant',
      schedule: { timeZone: 'Europe/Paris', hour: 8, weekday: 1 },
      contact: { email: 'camille.martin@example.org' },
      createdAt: '2026-12-01T08:00:00.000Z',
    });
  });

  it('keeps an address-only alert pending, under a pseudonymous candidate id of the address', async () => {
    const { sut } = newTestService();

    const alert = await sut.execute({
      owner: visitor,
      criteria: criteria({ where: { kind: 'department', code: '69' } }),
      frequency: 'daily',
      schedule: { hour: 18 },
    });

    expect(alert).toMatchObject({
      status: 'pending',
      frequency: 'daily',
      schedule: { hour: 18, weekday: 1 },
    });
    expect(alert.candidateId).toBe(addressCandidateId('noor.haddad@example.org'));
    expect(alert.candidateId).not.toContain('noor');
  });

  it('refuses more alerts than the limit per address, whatever the case of the address', async () => {
    const { sut, mocks } = newTestService(2);
    await sut.execute({ owner: visitor, criteria: criteria({ q: 'cariste' }) });
    await sut.execute({ owner: visitor, criteria: criteria({ q: 'grutier' }) });

    const error = await errorOf(
      sut.execute({
        owner: { kind: 'address', email: 'noor.haddad@EXAMPLE.org' },
        criteria: criteria({ q: 'couvreur' }),
      }),
    );

    expect(error.code).toBe('ALERT_LIMIT_REACHED');
    expect(error.details).toEqual([{ field: 'email', reason: 'already has 2 alerts' }]);
    expect(mocks.outbox.events).toHaveLength(2);
  });

  it.each([
    ['empty criteria', {}, 'criteria', /at least one of keywords/],
    ['only excluded words and no place', { q: '-stage' }, 'criteria', /at least one of keywords/],
    ['only stop words', { q: 'le la les' }, 'criteria.q', /no word/],
    [
      'an unknown commune',
      { where: { kind: 'commune', communeCode: '99999', radiusKm: 10 } },
      'criteria.where.communeCode',
      /not a known commune/,
    ],
    [
      'an unknown department',
      { where: { kind: 'department', code: '95' } },
      'criteria.where.code',
      /not a known department/,
    ],
  ])('refuses %s, naming the field', async (_, raw, field, reason) => {
    const { sut, mocks } = newTestService();

    const error = await errorOf(sut.execute({ owner: camille, criteria: criteria(raw) }));

    expect(error.code).toBe('INVALID_CRITERIA');
    expect(error.details).toEqual([{ field, reason: expect.stringMatching(reason) }]);
    expect(mocks.alerts.rows.size).toBe(0);
  });

  it('refuses an unknown time zone', async () => {
    const { sut } = newTestService();

    const error = await errorOf(
      sut.execute({
        owner: camille,
        criteria: criteria({ q: 'soudeur' }),
        schedule: { timeZone: 'Mars/Olympus' },
      }),
    );

    expect(error.details).toEqual([{ field: 'schedule.timeZone', reason: 'is not an IANA time zone' }]);
  });
});
