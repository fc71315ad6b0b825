import type { Detector } from '../detector';
import { list, re, TextPattern } from '../text-pattern';

/**
 * R15 — false or misleading allegations (C. trav. L5331-3) and R17 — form (L5332-1, L5332-2).
 * Both flag: a person checks the job exists, the contract is right and the employer is on file.
 * The publication date of R17 is never missing: ingestion stamps every offer when it is received.
 */
export const MISLEADING_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R15',
    reason: 'no real vacancy (talent pool, fictitious offer)',
    anchors: list(
      'vivier viviers cvtheque base fictive fictives actuellement moment jour immediatement prevision reserve',
    ),
    // Every phrasing below holds one of these: its anchors alone are common words.
    requires: ['vivier', 'cvtheque', 'base de', 'reserve de', 'de poste', 'fictive', 'en prevision'],
    regex: re(
      `\\b(?:constituer|alimenter|enrichir|creer|completer) (?:un |une |notre |nos |son |sa )?(?:vivier|cvtheque|base de (?:cv|candidats|candidatures)|reserve de candidats)s?\\b|\\b(?:pas|aucun) de postes? (?:a pourvoir|disponibles?|ouverts?) (?:actuellement|pour le moment|a ce jour|immediatement)\\b|\\b(?:offre|annonce)s? fictives?\\b|\\ben prevision de (?:futurs|prochains|nos futurs|besoins futurs) ?(?:besoins|recrutements)?\\b`,
    ),
  },
  {
    rule: 'R15',
    reason: 'earnings claim typical of misleading offers',
    anchors: list('revenus revenu gains gain gagnez gagner riche argent facile'),
    regex: re(
      `\\b(?:revenus?|gains?|commissions?) (?:illimite|sans limite|exceptionnel)(?:e|s|es)?\\b|\\b(?:devenez|devenir) riches?\\b|\\bargent facile\\b|\\b(?:gagnez|gagner) (?:jusqu'a |plus de |entre )?\\d[\\d ]*(?:k|000)? ?(?:€|euros?)(?:.{0,40})(?:depuis chez vous|a domicile|sans experience|sans diplome|quelques heures|par semaine|sans effort)`,
    ),
  },
];

const TITLE_CONTRACT: ReadonlyArray<{ word: RegExp; contracts: readonly string[]; name: string }> = [
  { word: /\bcdi\b/, contracts: ['cdi'], name: 'CDI' },
  { word: /\bcdd\b/, contracts: ['cdd', 'seasonal', 'apprenticeship', 'professionalisation'], name: 'CDD' },
  { word: /\b(?:interim|interimaire)\b/, contracts: ['interim'], name: 'intérim' },
  { word: /\b(?:freelance|independant|auto-?entrepreneur)\b/, contracts: ['freelance'], name: 'freelance' },
];

/** The title announces one contract and the offer declares another (« CDI » on a temporary job). */
export const contractContradictsTitle: Detector = (ctx, out) => {
  const declared = ctx.offer.contractType;
  if (declared === null) return;
  const title = ctx.title.folded.text;
  const announced = TITLE_CONTRACT.filter((c) => c.word.test(title));
  if (announced.length !== 1) return; // « CDD ou CDI » says nothing certain
  const [claim] = announced as [(typeof TITLE_CONTRACT)[number]];
  if (claim.contracts.includes(declared)) return;
  const at = claim.word.exec(title)!;
  out.push({
    ruleId: 'R15',
    field: 'title',
    start: at.index,
    end: at.index + at[0].length,
    reason: `the title announces a ${claim.name} but the offer's contract is ${declared}`,
    suggestion: 'Alignez le titre sur le contrat réellement proposé.',
  });
};

const PLACEHOLDER_EMPLOYER =
  /^(?:confidentiel(?:le)?|anonyme|entreprise confidentielle|societe confidentielle|client confidentiel|non communique(?:e)?|nc|n\/c|n\.c\.?|x+|inconnu(?:e)?|entreprise|societe|employeur|-+|\.+)$/;
const WITHHELD =
  /\b(?:(?:entreprise|societe|client|employeur|structure|etablissement)s? (?:confidentiel(?:le)?|anonyme)s?|(?:identite|nom|raison sociale) (?:de l'entreprise |du client |de notre client |de l'employeur |de la societe )?(?:est |reste |restera |sera |ne peut etre |ne sera )?(?:confidentiel(?:le)?|communique(?:e)? (?:ulterieurement|lors de l'entretien|aux candidats retenus|plus tard)|devoile(?:e)? (?:ulterieurement|lors de l'entretien|plus tard)|pas communique(?:e)?)|(?:offre|annonce) anonyme)\b/;

/** The employer keeps its identity from the platform (an anonymous or « confidential » client). */
export const employerWithheld: Detector = (ctx, out) => {
  const company = ctx.companyName?.folded.text ?? '';
  if (company !== '' && PLACEHOLDER_EMPLOYER.test(company)) {
    out.push({
      ruleId: 'R17',
      field: 'companyName',
      start: 0,
      end: company.length,
      reason: 'the employer is named by a placeholder',
    });
    return;
  }
  if (company !== '') return;
  const text = ctx.description.folded.text;
  const m = WITHHELD.exec(text);
  if (m === null) return;
  out.push({
    ruleId: 'R17',
    field: 'description',
    start: m.index,
    end: m.index + m[0].length,
    reason: 'the employer is anonymous and withheld from the platform',
  });
};
