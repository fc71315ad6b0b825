import { dateRangesIn } from './date-ranges';
import { fold } from './fold';

/** One position of a CV as the candidate sees it (never indexed: employers stay off the search). */
export interface ExperiencePeriod {
  /** Months since year 0. */
  start: number;
  /** Undefined while the position runs. */
  end: number | undefined;
  title: string | null;
  employer: string | null;
}

// Words that make a phrase a job title rather than an employer or a place (folded).
const JOB_WORD =
  /(?<![a-z])(?:develop|developpeu|ingenieu|engineer|technicien|technician|manager|responsable|directeu|director|chef|head|lead|consultant|analyst|analyste|architect|designer|assistant|assistante|infirmi|nurse|aide|agent|operateu|operatri|operator|conducteu|conductri|conductor|driver|chauffeur|vendeu|vendeuse|commercial|sales|comptable|accountant|charge|officer|administrat|specialist|specialiste|coordinat|formateu|teacher|enseignant|professeu|intern|stagiaire|apprenti|alternant|serveu|cuisini|cook|chef de|soudeu|electricien|plombier|mecanicien|mechanic|magasinier|preparat|cariste|secretaire|secretary|juriste|avocat|lawyer|medecin|doctor|pharmacien|auxiliaire|educateu|educatri|animat|hote|receptionist|caissi|cashier|scientist|programmer|programmeu|tester|testeur|support|owner|fondat|founder|ceo|cto|cfo|president|partner|associe|expert|artisan|ouvrier|worker|employe|employee|clerk|executive|representative|advisor|conseill|advocate|journalist|lawyer)/;

/** A position as the candidate reads it (`GET /v1/cvs/:id/profile`): months as « 2019-01 ». */
export interface PositionView {
  start: string;
  /** Null while the position runs. */
  end: string | null;
  title: string | null;
  employer: string | null;
}

const monthText = (m: number) => `${Math.floor(m / 12)}-${String((m % 12) + 1).padStart(2, '0')}`;

export function positionView(p: ExperiencePeriod): PositionView {
  return {
    start: monthText(p.start),
    end: p.end === undefined ? null : monthText(p.end),
    title: p.title,
    employer: p.employer,
  };
}

export function looksLikeJobTitle(s: string): boolean {
  return JOB_WORD.test(fold(s));
}

const clip = (s: string, max: number) => Array.from(s.trim()).slice(0, max).join('');
const cleanPart = (s: string) =>
  s.replace(/^[\s,;:|()[\]\-–—•*·.]+|[\s,;:|()[\]\-–—•*·]+$/gu, '').replace(/\s+/g, ' ');

/** « Développeuse chez Acme », « Engineer at Acme », « Chef de rayon — Leclerc, Nantes », « Acme | Analyst ». */
function titleAndEmployer(text: string): { title: string | null; employer: string | null } {
  const cleaned = cleanPart(text.replace(/^(?:company|employer|entreprise|employeur)\s*[-:]\s*/iu, ''));
  if (cleaned.length === 0) return { title: null, employer: null };
  const at = /^(.+?)\s+(?:chez|at|@|pour|for|au sein d[eu']\s*(?:la\s|l')?)\s*(.+)$/iu.exec(cleaned);
  if (at) return { title: cleanPart(at[1]!), employer: cleanPart(at[2]!) };
  const parts = cleaned
    .split(/\s[—–|-]\s|,\s|\s·\s/u)
    .map(cleanPart)
    .filter((p) => p.length > 0);
  if (parts.length === 0) return { title: null, employer: null };
  const titled = parts.findIndex(looksLikeJobTitle);
  const t = titled >= 0 ? titled : 0;
  const employer = parts.find((_, i) => i !== t) ?? null;
  return { title: parts[t] ?? null, employer };
}

/** A line that is a bullet or a sentence of description, not a heading of a position. */
const isDescription = (line: string) =>
  /^[•*▪►●◦-]/u.test(line) || line.split(/\s+/).length > 12 || /[.;]$/.test(line);

/**
 * The positions of an experience section. A line with a date range opens a position; its title is
 * what the line says besides the dates, else the line just above (« Développeur web » then
 * « Acme — 2019 – 2022 »), else the line below; the part that reads as a job title wins over the
 * part that reads as an employer.
 */
export function experienceIn(lines: readonly string[]): ExperiencePeriod[] {
  const periods: ExperiencePeriod[] = [];
  lines.forEach((line, i) => {
    const [range] = dateRangesIn(line);
    if (!range) return;
    const words = line.split(/\s+/).length;
    // A date inside a sentence (« … in Chennai in 2016 »), or in a line starting in lower case or
    // ending a sentence (description text, often wrapped by the layout), opens no position.
    const continued = range.index > 0 && (/^\p{Ll}/u.test(line) || /\.$/.test(line));
    if (
      words > 14 ||
      (range.end === range.start && words > 8) ||
      continued ||
      /^description\s*-/iu.test(line)
    )
      return;
    const rest = line.slice(0, range.index) + ' | ' + line.slice(range.index + range.length);
    // « … in Guwahati from 2008. Numerous cases… »: a sentence goes on after the dates.
    if (/\.\s+\p{Lu}/u.test(rest)) return;
    const own = titleAndEmployer(rest);
    const above = lines[i - 1];
    const below = lines[i + 1];
    const neighbour = (l: string | undefined) =>
      l !== undefined && dateRangesIn(l).length === 0 && !isDescription(l) ? titleAndEmployer(l) : undefined;
    const candidates = [own, neighbour(above), neighbour(below)].filter(
      (c): c is { title: string; employer: string | null } => c?.title != null,
    );
    const chosen = candidates.find((c) => looksLikeJobTitle(c.title)) ?? candidates[0];
    // A title from a neighbouring line leaves the date line to name the employer.
    const employer = chosen === own ? own.employer : (chosen?.employer ?? own.title);
    periods.push({
      start: range.start,
      end: range.end,
      title: chosen ? clip(chosen.title, 200) : null,
      employer: employer ? clip(employer, 200) : null,
    });
  });
  return periods.slice(0, 50);
}
