import { randomUUID } from 'node:crypto';
import { CvProfileSchema } from '@vigie/contracts';
import { loadGazetteer } from '@vigie/geo';
import { FakeClock } from '@vigie/kernel';
import { GazetteerCommuneDirectory } from '../cv-search/gazetteer-commune-directory';
import { CvError } from '../cvs/cv-errors';
import type { ParsingDecision } from '../parsing/build-profile';
import { InMemoryCvRepository } from '../testing/in-memory-cv-ports';
import type { CreateAlertBody } from './suggest-alert';
import { AlertCreator, AlertCreatorCandidate, CreatedAlert, SuggestionLog } from './suggested-alert.port';
import { AcceptSuggestedAlertUseCase, SuggestAlertUseCase } from './suggested-alert.usecase';

/** alert-matcher as its Idempotency-Key makes it: one alert per candidate and key. */
class KeyedAlertCreator extends AlertCreator {
  readonly calls: Array<{ candidateId: string; body: CreateAlertBody; key: string }> = [];
  private readonly byKey = new Map<string, CreatedAlert>();

  create(candidate: AlertCreatorCandidate, body: CreateAlertBody, key: string): Promise<CreatedAlert> {
    this.calls.push({ candidateId: candidate.candidateId, body, key });
    const id = `${candidate.candidateId}:${key}`;
    const alert = this.byKey.get(id) ?? { id: randomUUID(), status: 'active', criteria: body.criteria };
    this.byKey.set(id, alert);
    return Promise.resolve(alert);
  }
}

class RecordingSuggestionLog extends SuggestionLog {
  readonly lines: ParsingDecision[] = [];
  record(_cvId: string, decisions: readonly ParsingDecision[]): Promise<void> {
    for (const d of decisions)
      if (!this.lines.some((l) => l.field === d.field && l.action === d.action)) this.lines.push(d);
    return Promise.resolve();
  }
}

const communes = new GazetteerCommuneDirectory(loadGazetteer());
const nantes = communes.commune('44109')!;

async function newTestService() {
  const cvs = new InMemoryCvRepository();
  const mocks = { cvs, alerts: new KeyedAlertCreator(), log: new RecordingSuggestionLog() };
  const clock = new FakeClock('2026-12-01T08:00:00Z');
  const suggest = new SuggestAlertUseCase(cvs, communes, mocks.log, clock);
  const accept = new AcceptSuggestedAlertUseCase(suggest, mocks.alerts, mocks.log, clock);
  const cv = await cvs.create({
    candidateId: 'cand-ines',
    originalName: 'cv.pdf',
    format: 'pdf',
    mediaType: 'application/pdf',
    sizeBytes: 1_000,
    storageKey: randomUUID(),
    flags: [],
  });
  const setTitle = (title: string) =>
    cvs.profiles.set(cv.id, {
      decisions: [],
      profile: CvProfileSchema.parse({
        title,
        pastTitles: [],
        skills: ['TIG'],
        experienceYears: 4,
        education: [],
        languages: [],
        commune: {
          code: nantes.code,
          name: nantes.name,
          departmentCode: nantes.departmentCode,
          regionCode: nantes.regionCode,
        },
        geo: nantes.geo,
        contractTypes: ['cdi', 'interim'],
        summary: null,
      }),
    });
  setTitle('Soudeur TIG');
  return { suggest, accept, mocks, cvId: cv.id, setTitle };
}

const ines: AlertCreatorCandidate = { candidateId: 'cand-ines', token: 'token-of-ines' };

describe('suggested alert use cases', () => {
  it('shows the suggestion to its owner and tells it once in the decision log', async () => {
    const { suggest, mocks, cvId } = await newTestService();

    const view = await suggest.execute('cand-ines', cvId);
    await suggest.execute('cand-ines', cvId);

    expect(view.body.criteria).toMatchObject({
      q: 'Soudeur TIG',
      where: { kind: 'commune', communeCode: '44109', radiusKm: 10 },
      contractTypes: ['cdi', 'interim'],
    });
    expect(mocks.log.lines.map((l) => l.field)).toEqual(['title', 'commune', 'contractTypes']);
  });

  it('creates the alert once however often it is accepted, with the candidate’s token', async () => {
    const { accept, mocks, cvId } = await newTestService();

    const first = await accept.execute(ines, cvId);
    const second = await accept.execute(ines, cvId);

    expect(second.id).toBe(first.id);
    expect(new Set(mocks.alerts.calls.map((c) => c.key)).size).toBe(1);
    expect(mocks.alerts.calls[0]!.key).toMatch(new RegExp(`^cv-suggestion:${cvId}:[0-9a-f]{32}$`));
    expect(mocks.log.lines.filter((l) => l.field === 'alert').map((l) => l.action)).toEqual([
      `suggestion accepted by the candidate: alert ${first.id}`,
    ]);
  });

  it('makes a new alert when a corrected profile changes the suggestion', async () => {
    const { accept, cvId, setTitle } = await newTestService();
    const before = await accept.execute(ines, cvId);

    setTitle('Chaudronnier');
    const after = await accept.execute(ines, cvId);

    expect(after.id).not.toBe(before.id);
    expect(after.criteria).toMatchObject({ q: 'Chaudronnier' });
  });

  it('answers CV_NOT_FOUND for another candidate’s CV and creates nothing', async () => {
    const { suggest, accept, mocks, cvId } = await newTestService();

    await expect(suggest.execute('cand-other', cvId)).rejects.toMatchObject({ code: 'CV_NOT_FOUND' });
    await expect(accept.execute({ candidateId: 'cand-other', token: 't' }, cvId)).rejects.toBeInstanceOf(
      CvError,
    );
    expect(mocks.alerts.calls).toEqual([]);
    expect(mocks.log.lines).toEqual([]);
  });
});
