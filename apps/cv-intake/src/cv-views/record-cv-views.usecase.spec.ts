import type { CvView } from '@vigie/contracts';
import { AesGcmSubjectCipher } from '@vigie/kernel';
import { InMemorySubjectKeyStore } from '@vigie/testing/unit';
import { sealCvView } from './cv-view-seal';
import { CvViewLedger, CvViewsPage } from './cv-view.port';
import { RecordCvViewsUseCase } from './record-cv-views.usecase';

class RecordingLedger extends CvViewLedger {
  readonly recorded: CvView[] = [];
  record(views: readonly CvView[]): Promise<number> {
    this.recorded.push(...views);
    return Promise.resolve(views.length);
  }
  pageFor(): Promise<CvViewsPage | undefined> {
    return Promise.resolve(undefined);
  }
}

function newTestService() {
  const keys = new InMemorySubjectKeyStore();
  const cipher = new AesGcmSubjectCipher(keys);
  const ledger = new RecordingLedger();
  return { sut: new RecordCvViewsUseCase(cipher, ledger), cipher, ledger };
}

const CV_A = '5b4a3c2d-1e0f-4a9b-8c7d-6e5f4a3b2c1d';
const CV_B = '6c5b4a3d-2e1f-4b0a-9d8e-7f6a5b4c3d2e';
const view = (viewId: string, cvId: string, company: string): CvView => ({
  viewId,
  cvId,
  recruiterId: '3f2e1d0c-9b8a-4f7e-8d6c-5b4a39281706',
  company,
  viewedAt: '2026-12-02T09:00:00.000Z',
});

describe('RecordCvViewsUseCase', () => {
  it('opens sealed views and reads old clear ones as they are', async () => {
    const { sut, cipher, ledger } = newTestService();
    const sealed = await sealCvView(
      cipher,
      view('0c8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a', CV_A, 'Atelier Loire'),
    );
    const clear = view('1d9f8a7b-6c5d-4e4f-9a3b-2c1d0e9f8a7b', CV_A, 'Cabinet Durand');

    const outcome = await sut.execute([sealed, clear], (r) => r);

    expect(outcome).toEqual({ counted: 2, erased: 0, invalid: [] });
    expect(ledger.recorded.map((v) => v.company)).toEqual(['Atelier Loire', 'Cabinet Durand']);
  });

  it('drops the views of an erased CV (its key destroyed) and records the others', async () => {
    const { sut, cipher, ledger } = newTestService();
    const ofA = await sealCvView(cipher, view('0c8e7f6a-5b4c-4d3e-8f2a-1b0c9d8e7f6a', CV_A, 'Atelier Loire'));
    const ofB = await sealCvView(
      cipher,
      view('1d9f8a7b-6c5d-4e4f-9a3b-2c1d0e9f8a7b', CV_B, 'Cabinet Durand'),
    );
    await cipher.destroy([CV_A]);

    const outcome = await sut.execute([ofA, ofB], (r) => r);

    expect(outcome).toEqual({ counted: 1, erased: 1, invalid: [] });
    expect(ledger.recorded.map((v) => v.cvId)).toEqual([CV_B]);
  });

  it('reports a tampered viewer as invalid (for the dead letters), not as erased', async () => {
    const { sut, cipher } = newTestService();
    const ofB = await sealCvView(
      cipher,
      view('1d9f8a7b-6c5d-4e4f-9a3b-2c1d0e9f8a7b', CV_B, 'Cabinet Durand'),
    );
    const ct = Buffer.from(ofB.viewer.ct, 'base64');
    ct[0] = ct[0]! ^ 1;
    const tampered = { ...ofB, viewer: { ...ofB.viewer, ct: ct.toString('base64') } };

    const outcome = await sut.execute([tampered], (r) => r);

    expect(outcome.erased).toBe(0);
    expect(outcome.invalid).toEqual([{ item: tampered, reason: expect.stringMatching(/authenticate/) }]);
  });
});
