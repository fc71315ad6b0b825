import { Transaction } from '@vigie/database';
import { AppError, CandidatePrincipal } from '@vigie/platform';
import { Alert } from './alert';
import { AlertInput, AlertInputSchema } from './alert-input.schema';
import { AlertRepository, NewAlert } from './alert.repository';
import { CreateAlertUseCase } from './create-alert.usecase';

class FakeAlertRepository extends AlertRepository {
  readonly created: NewAlert[] = [];
  active = 0;

  async create(alert: NewAlert): Promise<Alert> {
    this.created.push(alert);
    return {
      ...alert,
      id: 'c4d5e6f7-0812-4a3b-9c4d-5e6f7a8b9c0d',
      status: 'active',
      createdAt: new Date('2026-11-28T09:00:00Z'),
    };
  }
  async countActive(): Promise<number> {
    return this.active;
  }
  async listForCandidate(): Promise<Alert[]> {
    return [];
  }
  async findForCandidate(): Promise<Alert | null> {
    return null;
  }
  async markDeleted(): Promise<boolean> {
    return false;
  }
  async unsubscribe(): Promise<boolean> {
    return false;
  }
  async findCandidates(_tx: Transaction): Promise<Alert[][]> {
    return [];
  }
}

const candidate: CandidatePrincipal = { candidateId: 'cand-7f3a9c', email: 'camille.martin@example.org' };
const input = (raw: Record<string, unknown>): AlertInput => AlertInputSchema.parse(raw);

function makeSut(max = 3) {
  const alerts = new FakeAlertRepository();
  const sut = new CreateAlertUseCase(alerts, max);
  return { sut, alerts };
}

async function errorOf(promise: Promise<unknown>): Promise<AppError> {
  try {
    await promise;
  } catch (e) {
    if (e instanceof AppError) return e;
    throw e;
  }
  throw new Error('expected an AppError');
}

describe('CreateAlertUseCase', () => {
  it('creates the alert for the authenticated candidate with the normalised keyword tokens', async () => {
    const { sut, alerts } = makeSut();

    const alert = await sut.execute(
      candidate,
      input({ keywords: ['Développeurs', 'TypeScript'], contractTypes: ['cdi'] }),
    );

    expect(alerts.created).toEqual([
      {
        candidateId: 'cand-7f3a9c',
        email: 'camille.martin@example.org',
        keywords: ['Développeurs', 'TypeScript'],
        keywordTokens: ['developpeur', 'typescript'],
        place: null,
        contractTypes: ['cdi'],
        frequency: 'instant',
      },
    ]);
    expect(alert.status).toBe('active');
  });

  it('takes the e-mail from the principal, never from the input', async () => {
    const { sut, alerts } = makeSut();
    const forged = { ...input({ keywords: ['java'] }), email: 'victim@example.org' } as AlertInput;

    await sut.execute(candidate, forged);

    expect(alerts.created[0]?.email).toBe('camille.martin@example.org');
    expect(JSON.stringify(alerts.created[0])).not.toContain('victim@example.org');
  });

  it('stores a place with a null commune code when none is given', async () => {
    const { sut, alerts } = makeSut();

    await sut.execute(
      candidate,
      input({
        keywords: ['java'],
        place: { label: 'Lyon', latitude: 45.764, longitude: 4.8357, radiusKm: 20 },
      }),
    );

    expect(alerts.created[0]?.place).toEqual({
      label: 'Lyon',
      communeCode: null,
      latitude: 45.764,
      longitude: 4.8357,
      radiusKm: 20,
    });
  });

  it('refuses keywords made only of stop words with a 400 on the keywords field', async () => {
    const { sut, alerts } = makeSut();

    const error = await errorOf(sut.execute(candidate, input({ keywords: ['le', 'de la', 'H/F'] })));

    expect(error.code).toBe('VALIDATION_FAILED');
    expect(error.fields).toEqual([
      { field: 'keywords', reason: 'must contain at least one meaningful word' },
    ]);
    expect(alerts.created).toEqual([]);
  });

  it('refuses keywords made only of the stop words « dans », « nous » and « vous »', async () => {
    const { sut, alerts } = makeSut();

    const error = await errorOf(sut.execute(candidate, input({ keywords: ['dans', 'nous', 'vous'] })));

    expect(error.code).toBe('VALIDATION_FAILED');
    expect(alerts.created).toEqual([]);
  });

  it('refuses a new alert with CONFLICT once the candidate has reached the limit', async () => {
    const { sut, alerts } = makeSut(3);
    alerts.active = 3;

    const error = await errorOf(sut.execute(candidate, input({ keywords: ['java'] })));

    expect(error.code).toBe('CONFLICT');
    expect(error.message).toContain('3');
    expect(alerts.created).toEqual([]);
  });

  it('accepts the last alert under the limit', async () => {
    const { sut, alerts } = makeSut(3);
    alerts.active = 2;

    await sut.execute(candidate, input({ keywords: ['java'] }));

    expect(alerts.created).toHaveLength(1);
  });

  it('checks the keywords before counting alerts', async () => {
    const { sut, alerts } = makeSut(1);
    alerts.active = 5;
    const count = jest.spyOn(alerts, 'countActive');

    const error = await errorOf(sut.execute(candidate, input({ keywords: ['les'] })));

    expect(error.code).toBe('VALIDATION_FAILED');
    expect(count).not.toHaveBeenCalled();
  });
});
