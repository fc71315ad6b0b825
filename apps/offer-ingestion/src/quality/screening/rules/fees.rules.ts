import { list, PatternHit, re, TextPattern } from '../text-pattern';

/**
 * R16 — offers are free for candidates (C. trav. L5331-1, L5331-5): no fee, deposit, paid kit,
 * nor a premium-rate number to call (08 9x, up to €3 a call). 08 1x / 08 2x numbers carry a
 * smaller service charge: flagged. Benefits paid to the employee (« participation aux frais de
 * transport », « chèques cadeaux de 150 € ») and « aucun frais ne vous sera demandé » are lawful.
 */
const AMOUNT = `\\d+(?:[ .,]\\d+)? ?(?:€|(?:euros?|eur)\\b)`;
const FREE_OR_PAID_BY_EMPLOYER =
  /\b(?:aucun(?:e)?|pas de|sans|gratuit(?:e|s|es)?|gratuitement|pris(?:e|es)? en charge|prise en charge|rembourse[a-z]*|offert(?:e|s|es)?|a (?:notre|la) charge (?:de l'employeur|de l'entreprise|de la societe)|a notre charge|ne vous (?:sera|seront) (?:demande|reclame)|jamais|employeur|entreprise prend|nous prenons)\b/;
const BENEFIT =
  /\b(?:cadeaux?|vacances|repas|dejeuner|restaurant|cesu|culture|sport|mutuelle|transports?|trajet|mobilite|prime|salaire|remuneration|indemni[a-z]*|avantages?|cse|comite|interessement|participation aux benefices|epargne|retraite|logement|demenagement|deplacements?)\b/;

const paidByEmployer = (hit: PatternHit): boolean => FREE_OR_PAID_BY_EMPLOYER.test(hit.clause.text);

export const FEES_PATTERNS: readonly TextPattern[] = [
  {
    rule: 'R16',
    reason: 'fee charged to candidates',
    anchors: list('frais'),
    regex: re(
      `\\bfrais (?:de dossier|d'inscription|de recrutement|de candidature|de selection|d'entree|de kit|de participation|administratifs|de traitement|d'adhesion|de mise en relation|de placement|d'ouverture de dossier)s?\\b(?=.*(?:${AMOUNT}|a la charge du candidat|a votre charge|a regler|a payer|payants?|vous sera demande|demandes? aux? candidats?|a verser|reglement|obligatoires?))|\\bparticip(?:er|ation|ez) (?:financiere(?:ment)? )?aux frais (?:de recrutement|de formation|de dossier|d'inscription|de selection|de placement)\\b`,
    ),
    unless: paidByEmployer,
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R16',
    reason: 'payment asked of candidates',
    anchors: list(
      'cheque versement caution droit acompte paiement investissement kit achat frais cotisation',
    ),
    regex: re(
      `\\b(?:cheque|versement|caution|droit d'entree|acompte|paiement|cotisation|frais|investissement (?:initial|de depart)?|kit (?:de demarrage|de depart)?|achat (?:obligatoire )?(?:d'un |du |de votre )?(?:kit|stock|materiel|pack|starter))(?: obligatoire)? (?:de |d'un montant de |a |:)? ?${AMOUNT}`,
    ),
    unless: (hit) => paidByEmployer(hit) || BENEFIT.test(hit.clause.text),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R16',
    reason: 'premium-rate number (08 9x)',
    anchors: [],
    literals: ['08', '+33', '0033', '0 8', '0.8', '0-8'],
    regex: re(
      `(?<!\\d[ .-]?)(?:\\+33 ?\\(?0?\\)? ?|0033 ?|0)[ .-]?8[ .-]?9[0-9](?:[ .-]?\\d){6}(?![ .-]?\\d)`,
    ),
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R16',
    reason: 'surcharged number (08 1x / 08 2x)',
    anchors: [],
    literals: ['08', '+33', '0033', '0 8', '0.8', '0-8'],
    regex: re(
      `(?<!\\d[ .-]?)(?:\\+33 ?\\(?0?\\)? ?|0033 ?|0)[ .-]?8[ .-]?[12][0-9](?:[ .-]?\\d){6}(?![ .-]?\\d)`,
    ),
    severity: 'flag',
    evenInEqualOpportunity: true,
  },
  {
    rule: 'R16',
    reason: 'surcharged call or message',
    anchors: list('surtaxe surtaxes surtaxee min appel sms'),
    regex: re(
      `\\b(?:numero|appel|sms|service|ligne)s? surtaxe(?:e|s|es)?\\b|\\b\\d+(?:[.,]\\d+)? ?(?:€|euros?) ?(?:\\/|par) ?(?:min|minute|appel|sms)\\b`,
    ),
    unless: (hit) => /\b(?:prime|remuneration|salaire|paye|commission)s?\b/.test(hit.clause.text),
    evenInEqualOpportunity: true,
  },
];
