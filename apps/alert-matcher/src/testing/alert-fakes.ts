import { randomUUID } from 'node:crypto';
import { Transaction, UnitOfWork } from '@vigie/database';
import type { Commune, Department, GeoPoint, Region } from '@vigie/geo';
import { OutboxWriter, OutgoingEvent } from '@vigie/messaging';
import type { EntityManager } from 'typeorm';
import { Alert, LIVE_STATUSES } from '../alerts/alert';
import { AlertRepository, NewAlert } from '../alerts/alert.repository';
import { PlaceDirectory } from '../alerts/place-directory.port';

/** Alerts in memory, with the Postgres adapter's semantics for the calls the use cases make. */
export class InMemoryAlertRepository extends AlertRepository {
  readonly rows = new Map<string, Alert>();
  readonly idempotencyKeys = new Map<string, string>();

  async insert(_tx: Transaction, a: NewAlert, at: Date, idempotencyKey?: string): Promise<Alert> {
    const alert: Alert = {
      ...a,
      id: randomUUID(),
      version: 1,
      snoozedUntil: null,
      createdAt: at,
      changedAt: at,
    };
    this.rows.set(alert.id, alert);
    if (idempotencyKey !== undefined)
      this.idempotencyKeys.set(`${a.candidateId}:${idempotencyKey}`, alert.id);
    return alert;
  }
  async lockIdempotencyKey(_tx: Transaction, candidateId: string, key: string): Promise<Alert | null> {
    const id = this.idempotencyKeys.get(`${candidateId}:${key}`);
    const alert = id === undefined ? undefined : this.rows.get(id);
    return alert && alert.status !== 'deleted' ? alert : null;
  }
  async lock(_tx: Transaction, id: string): Promise<Alert | null> {
    return this.rows.get(id) ?? null;
  }
  async save(_tx: Transaction, a: Alert): Promise<void> {
    this.rows.set(a.id, a);
  }
  async countLiveForAddress(_tx: Transaction, email: string): Promise<number> {
    return [...this.rows.values()].filter(
      (a) => a.email.toLowerCase() === email.toLowerCase() && LIVE_STATUSES.includes(a.status),
    ).length;
  }
  async lockForCandidate(_tx: Transaction, candidateId: string): Promise<Alert[]> {
    return [...this.rows.values()].filter((a) => a.candidateId === candidateId && a.status !== 'deleted');
  }
  async find(id: string): Promise<Alert | null> {
    const a = this.rows.get(id);
    return a && a.status !== 'deleted' ? a : null;
  }
  async listForCandidate(candidateId: string): Promise<Alert[]> {
    return [...this.rows.values()].filter((a) => a.candidateId === candidateId && a.status !== 'deleted');
  }
  async page(afterId: string | null, limit: number): Promise<Alert[]> {
    return [...this.rows.values()]
      .filter((a) => afterId === null || a.id > afterId)
      .sort((a, b) => a.id.localeCompare(b.id))
      .slice(0, limit);
  }
}

/** Runs the work with a transaction whose manager says a transaction is active (as OutboxWriter checks). */
export class FakeUnitOfWork extends UnitOfWork {
  readonly manager = { queryRunner: { isTransactionActive: true } } as EntityManager;
  runs = 0;
  async run<T>(work: (tx: Transaction) => Promise<T>): Promise<T> {
    this.runs += 1;
    return work({ manager: this.manager });
  }
}

/** An outbox that keeps what was appended. */
export class RecordingOutbox extends OutboxWriter {
  readonly events: OutgoingEvent[] = [];
  constructor() {
    super('test');
  }
  override async append(_m: EntityManager, events: readonly OutgoingEvent[]): Promise<void> {
    this.events.push(...events);
  }
}

const LYON: GeoPoint = { latitude: 45.764, longitude: 4.8357 };

/** A tiny gazetteer: Lyon (69123), Villeurbanne (69266), the Rhône (69) and its region (84). */
export class FakePlaceDirectory implements PlaceDirectory {
  private readonly communes: Commune[] = [
    this.make('69123', 'Lyon', LYON),
    this.make('69266', 'Villeurbanne', { latitude: 45.7719, longitude: 4.8902 }),
  ];
  commune(code: string): Commune | null {
    return this.communes.find((c) => c.code === code) ?? null;
  }
  department(code: string): Department | null {
    return code === '69' ? { code, name: 'Rhône', regionCode: '84', prefectureCode: '69123' } : null;
  }
  region(code: string): Region | null {
    return code === '84'
      ? { code, name: 'Auvergne-Rhône-Alpes', departmentCodes: ['69'], capitalCode: '69123' }
      : null;
  }
  findCommunes(query: string): Commune[] {
    return this.communes.filter((c) => c.name.toLowerCase() === query.trim().toLowerCase());
  }
  nearestCommune(point: GeoPoint): Commune | null {
    return Math.abs(point.latitude - LYON.latitude) < 0.3 && Math.abs(point.longitude - LYON.longitude) < 0.3
      ? this.communes[0]!
      : null;
  }
  private make(code: string, name: string, geo: GeoPoint): Commune {
    return {
      code,
      name,
      geo,
      postalCodes: [],
      departmentCode: '69',
      regionCode: '84',
      population: 1,
      kind: 'commune-actuelle',
      parentCode: null,
      geoPrecision: 'commune',
      geoSource: 'geonames',
    };
  }
}
