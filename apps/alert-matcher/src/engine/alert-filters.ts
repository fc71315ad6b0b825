import { CONTRACT_TYPES, REMOTE_MODES, WORKING_TIMES } from '@vigie/contracts';
import type { CompiledAlert } from './compiled-alert';
import type { AlertFilters } from './verify-match';

/**
 * An alert's filters (contract, working time, remote, ROME, salary, company) interned by value:
 * a million alerts drawn from a few filter mixes hold a few thousand, and an offer evaluates each
 * once (`filtersHold`, `heldFilters`) however many alerts share it.
 */
export interface InternedFilters extends AlertFilters {
  readonly index: number;
  /**
   * Index of its ROME and company criteria in `FiltersInterner.checks`, 0 when it has neither:
   * the slot's masks and salary decide the rest, so a candidate reads these only when asked.
   */
  readonly check: number;
  /** Accepted values as bits (bit 0 = a value outside the vocabulary, all bits = any). */
  readonly contractMask: number;
  readonly workingTimeMask: number;
  readonly remoteMask: number;
}

const UNKNOWN_BIT = 1;
const ALL_BITS = 0xffff;
function maskOf<T>(vocabulary: readonly T[], accepted: readonly T[]): number {
  if (accepted.length === 0) return ALL_BITS;
  let mask = 0;
  for (const v of accepted) mask |= 2 << vocabulary.indexOf(v);
  return mask;
}

/** The offer's value as one bit of the same masks. */
const bitOf = <T>(vocabulary: readonly T[], value: T | null) =>
  value === null || !vocabulary.includes(value) ? UNKNOWN_BIT : 2 << vocabulary.indexOf(value);
export const contractBit = (v: AlertFilters['contractTypes'][number] | null) => bitOf(CONTRACT_TYPES, v);
export const workingTimeBit = (v: AlertFilters['workingTimes'][number] | null) => bitOf(WORKING_TIMES, v);
export const remoteBit = (v: AlertFilters['remote'][number] | null) => bitOf(REMOTE_MODES, v);

/** The filters a slot's masks and salary do not decide. */
export interface FilterCheck {
  readonly romeCodes: readonly string[];
  readonly company: string | null;
}

/** ROME codes and company against the offer (`filtersHold`'s last two rules). */
export function checkHolds(check: FilterCheck, romeCode: string | null, company: string | null): boolean {
  if (check.romeCodes.length > 0 && (romeCode === null || !check.romeCodes.includes(romeCode))) return false;
  return check.company === null || check.company === company;
}

/** Never freed: few, and shared. */
export class FiltersInterner {
  readonly all: InternedFilters[] = [];
  /** Index 0: no ROME code, no company (holds for every offer). */
  readonly checks: FilterCheck[] = [{ romeCodes: [], company: null }];
  private readonly byKey = new Map<string, InternedFilters>();
  private readonly checkIds = new Map<string, number>([['\u0001', 0]]);

  intern(alert: CompiledAlert): InternedFilters {
    const key = [
      alert.contractTypes.join(','),
      alert.workingTimes.join(','),
      alert.remote.join(','),
      alert.romeCodes.join(','),
      alert.minAnnualSalary ?? '',
      alert.includeUnsalaried ? 1 : 0,
      alert.company ?? '',
      alert.companyLabel ?? '',
    ].join('\u0001');
    let found = this.byKey.get(key);
    if (found === undefined) {
      found = {
        index: this.all.length,
        check: this.checkOf(alert),
        contractTypes: alert.contractTypes,
        workingTimes: alert.workingTimes,
        remote: alert.remote,
        romeCodes: alert.romeCodes,
        minAnnualSalary: alert.minAnnualSalary,
        includeUnsalaried: alert.includeUnsalaried,
        company: alert.company,
        companyLabel: alert.companyLabel,
        contractMask: maskOf(CONTRACT_TYPES, alert.contractTypes),
        workingTimeMask: maskOf(WORKING_TIMES, alert.workingTimes),
        remoteMask: maskOf(REMOTE_MODES, alert.remote),
      };
      this.all.push(found);
      this.byKey.set(key, found);
    }
    return found;
  }

  private checkOf(alert: CompiledAlert): number {
    const key = `${alert.romeCodes.join(',')}\u0001${alert.company ?? ''}`;
    let id = this.checkIds.get(key);
    if (id === undefined) {
      id = this.checks.length;
      this.checks.push({ romeCodes: alert.romeCodes, company: alert.company });
      this.checkIds.set(key, id);
    }
    return id;
  }
}
