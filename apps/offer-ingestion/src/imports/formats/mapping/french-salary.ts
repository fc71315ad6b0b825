import { foldWording } from './fold';

export interface ParsedSalary {
  min?: number;
  max?: number;
  period: 'hour' | 'month' | 'year';
}

/**
 * Amounts a period can plausibly hold (gross EUR). Outside them the text is read as unknown rather
 * than stored wrong: « Mensuel de 40000 Euros » is an annual figure typed in the monthly box, and
 * which of the two the recruiter meant is a guess.
 */
export const PLAUSIBLE_SALARY: Readonly<Record<ParsedSalary['period'], readonly [number, number]>> = {
  hour: [5, 500],
  month: [400, 30_000],
  year: [5_000, 1_000_000],
};

// A French or plain figure: « 1 800 », « 1.800 », « 1800.00 », « 1 234,56 », « 35 k ».
const AMOUNT = /(\d{1,3}(?:[ .]\d{3})+|\d+)(?:[,.](\d{1,2}))?(?!\d)\s*(k(?![a-z]))?/g;
const MONTHS = /\bsur (\d{1,2})(?:[.,]0+)? mois\b/;

/**
 * French salary free text to gross amounts and a period, or `undefined` when the text does not say
 * (unknown stays unknown, never guessed):
 * - the period must be written (« mensuel », « par mois », « /h », « annuel », « brut annuel »…);
 *   a `k` (« 35 k€ ») means a yearly figure; with no period the salary is unknown;
 * - « X à Y », « X - Y », « entre X et Y » give min and max; « à partir de X » min only,
 *   « jusqu'à X » max only; a single figure is both min and max;
 * - « sur 13 mois » with a monthly figure gives the yearly amount (monthly × 13), since the
 *   thirteenth month is paid; « sur 12 mois » changes nothing;
 * - « SMIC » (its value changes every year), « net » (the net-to-gross ratio depends on the
 *   status), and figures outside PLAUSIBLE_SALARY are unknown.
 */
export function parseFrenchSalary(text: string | undefined | null): ParsedSalary | undefined {
  if (!text) return undefined;
  let folded = foldWording(text);
  if (/\bsmic\b/.test(folded) || /\bnet(te)?\b/.test(folded)) return undefined;
  const months = MONTHS.exec(folded);
  const paidMonths = months ? Number(months[1]) : 12;
  folded = folded.replace(MONTHS, ' ');

  const amounts: Array<{ value: number; k: boolean; index: number; end: number }> = [];
  for (const m of folded.matchAll(AMOUNT)) {
    const whole = Number(m[1]!.replace(/[ .]/g, ''));
    const value = m[2] === undefined ? whole : whole + Number(`0.${m[2]}`);
    amounts.push({
      value: m[3] ? value * 1000 : value,
      k: m[3] !== undefined,
      index: m.index,
      end: m.index + m[0].length,
    });
  }
  if (amounts.length === 0) return undefined;

  const period = periodOf(
    folded,
    amounts.some((a) => a.k),
  );
  if (period === undefined) return undefined;

  const first = amounts[0]!;
  const second = amounts[1];
  const before = folded.slice(0, first.index);
  let min: number | undefined = first.value;
  let max: number | undefined = first.value;
  if (
    second &&
    /^\s*(€|eur(os?)?)?\s*(brut(s)?\s*)?(a|-|–|—|et|\/)\s*$/.test(folded.slice(first.end, second.index))
  ) {
    max = second.value;
  } else if (/(a partir de|des|minimum|min\.?|au moins|plus de)\s*:?\s*$/.test(before)) {
    max = undefined;
  } else if (/(jusqu'?a|maximum|max\.?|au plus)\s*:?\s*$/.test(before)) {
    min = undefined;
  }
  if (min !== undefined && max !== undefined && min > max) return undefined;

  let result: ParsedSalary = { ...(min !== undefined && { min }), ...(max !== undefined && { max }), period };
  if (period === 'month' && paidMonths !== 12) {
    if (paidMonths < 12 || paidMonths > 14) return undefined;
    result = {
      ...(min !== undefined && { min: round2(min * paidMonths) }),
      ...(max !== undefined && { max: round2(max * paidMonths) }),
      period: 'year',
    };
  }
  const [low, high] = PLAUSIBLE_SALARY[result.period];
  const outside = (v: number | undefined) => v !== undefined && (v < low || v > high);
  if (outside(result.min) || outside(result.max)) return undefined;
  return result;
}

function periodOf(folded: string, thousands: boolean): ParsedSalary['period'] | undefined {
  // The leading word of France Travail's libellé (« Mensuel de … ») wins over later words.
  const lead = /^(horaire|mensuel|annuel)\b/.exec(folded);
  if (lead) return lead[1] === 'horaire' ? 'hour' : lead[1] === 'mensuel' ? 'month' : 'year';
  if (/(\/ ?h(eure)?\b|\bde l'?heure\b|\bhoraire\b|\bpar heure\b|\bhourly\b|\/hour\b)/.test(folded))
    return 'hour';
  if (/(\/ ?mois\b|\bpar mois\b|\bmensuel(le)?s?\b|\bmonthly\b|\/month\b|\bmois\b)/.test(folded))
    return 'month';
  if (
    /(\/ ?an\b|\bpar an\b|\bannuel(le)?s?\b|\bl'an\b|\bbrut an\b|\byearly\b|\/year\b|\bannee\b|\bpar annee\b)/.test(
      folded,
    )
  ) {
    return 'year';
  }
  return thousands ? 'year' : undefined;
}

function round2(value: number): number {
  return Math.round(value * 100) / 100;
}
