import { distanceKm } from '@vigie/geo';
import { EngineAlertError } from './compiled-alert';
import { ScanAlertEngine } from './scan-alert-engine';
import { engineAlert, engineOffer } from './test/engine.factory';

const LYON = { latitude: 45.764, longitude: 4.8357 };
const circle = (radiusKm: number, centre = LYON) => ({
  kind: 'circle' as const,
  ...centre,
  radiusKm,
  label: 'Lyon',
});

describe('ScanAlertEngine', () => {
  it('returns the alerts an offer fits, with why, and forgets removed alerts', () => {
    const sut = new ScanAlertEngine();
    const java = engineAlert({ q: 'développeur typescript', contractTypes: ['cdi', 'cdd'] });
    const nurse = engineAlert({ q: 'infirmier' });
    sut.upsert(java);
    sut.upsert(nurse);
    expect(sut.size).toBe(2);

    const [match, ...others] = sut.match(engineOffer());
    expect(others).toEqual([]);
    expect(match).toEqual({
      alertId: java.id,
      explanation: {
        terms: [
          { term: 'développeur', fields: ['title'] },
          { term: 'typescript', fields: ['title'] },
        ],
        distanceKm: null,
        radiusKm: null,
        placeLabel: null,
        fullRemote: false,
        filters: [{ criterion: 'contract', expected: 'cdi, cdd', actual: 'cdi' }],
      },
    });

    sut.remove(java.id);
    sut.remove('unknown');
    expect(sut.match(engineOffer())).toEqual([]);
    expect(sut.size).toBe(1);
  });

  it('replaces an alert upserted again under its id', () => {
    const sut = new ScanAlertEngine();
    const alert = engineAlert({ q: 'infirmier' });
    sut.upsert(alert);
    sut.upsert({ ...alert, criteria: { ...alert.criteria, q: 'node.js' } });
    expect(sut.match(engineOffer()).map((m) => m.alertId)).toEqual([alert.id]);
    expect(sut.size).toBe(1);
  });

  it('says how far the offer is from the alert’s place, rounded to 100 m', () => {
    const sut = new ScanAlertEngine();
    sut.upsert(engineAlert({ where: { kind: 'commune', communeCode: '69123', radiusKm: 10 } }, circle(10)));
    const offer = engineOffer();
    const [match] = sut.match(offer);
    const km = distanceKm(LYON, { latitude: offer.latitude!, longitude: offer.longitude! });
    expect(match?.explanation).toMatchObject({
      distanceKm: Math.round(km * 10) / 10,
      radiusKm: 10,
      placeLabel: 'Lyon',
    });
  });

  it('refuses an alert whose place does not resolve its criteria, naming the field', () => {
    const sut = new ScanAlertEngine();
    const noPlace = engineAlert({ where: { kind: 'department', code: '69' } });
    expect(() => sut.upsert(noPlace)).toThrow(EngineAlertError);
    const wrong = engineAlert(
      { where: { kind: 'department', code: '69' } },
      { kind: 'region', code: '84', label: null },
    );
    expect(() => sut.upsert(wrong)).toThrow(
      expect.objectContaining({
        code: 'ENGINE_ALERT_INVALID',
        details: [{ field: 'place', reason: 'must be department 69' }],
      }),
    );
    expect(sut.size).toBe(0);
  });
});
