import { criteriaToParams, MatchExplanationV2, SearchCriteria } from '@vigie/contracts';
import { headerSafe } from '../mail/alert-email';
import { CONTRACT_LABELS } from '../mail/contract-labels';
import { renderEmailParts } from '../mail/email-templates';
import type { PendingMatch } from '../projection/pending-matches.port';

const FIELD_LABELS = { title: 'l’intitulé', description: 'la description', company: 'l’entreprise' } as const;

const CRITERION_LABELS: Record<MatchExplanationV2['filters'][number]['criterion'], string> = {
  contract: 'Contrat',
  workingTime: 'Temps de travail',
  remote: 'Télétravail',
  salary: 'Salaire',
  rome: 'Métier (ROME)',
  company: 'Entreprise',
};

/** « Pourquoi cette offre ? »: the terms found and where, the distance, the filters that held. */
export function whyLines(e: MatchExplanationV2): string[] {
  const lines = e.terms.map(
    (t) => `« ${t.term} » trouvé dans ${t.fields.map((f) => FIELD_LABELS[f]).join(' et ')}`,
  );
  if (e.fullRemote && e.placeLabel)
    lines.push(`Poste en télétravail complet (lieu choisi : ${e.placeLabel})`);
  else if (e.distanceKm !== null && e.placeLabel)
    lines.push(
      `À ${e.distanceKm.toLocaleString('fr-FR')} km de ${e.placeLabel}` +
        (e.radiusKm !== null ? ` (rayon choisi : ${e.radiusKm} km)` : ''),
    );
  for (const f of e.filters)
    lines.push(`${CRITERION_LABELS[f.criterion]} : ${f.actual} (demandé : ${f.expected})`);
  return lines;
}

export interface GroupedEmailLinks {
  unsubscribe: string;
  /** The alert's page: see and edit its criteria, pause, snooze, delete. */
  manage: string;
  /** The search with the alert's criteria, for what did not fit. */
  seeAll: string;
}

export interface GroupedEmail {
  subject: string;
  text: string;
  html: string;
}

export function seeAllUrl(searchUrl: string, criteria: SearchCriteria): string {
  const url = new URL(searchUrl);
  for (const [k, v] of criteriaToParams(criteria)) url.searchParams.append(k, v);
  return url.toString();
}

/**
 * One e-mail for several offers of one alert (an instant group or a digest), from the
 * `alert-email` templates: French copy, a heading per offer with « Pourquoi cette offre ? », no
 * images and no tracking, plain links only.
 */
export function renderGroupedEmail(
  kind: 'instant' | 'daily' | 'weekly',
  shown: readonly PendingMatch[],
  overflow: number,
  links: GroupedEmailLinks,
): GroupedEmail {
  const count = shown.length;
  const intro =
    kind === 'instant'
      ? count === 1
        ? 'Une nouvelle offre correspond à votre alerte :'
        : `${count} nouvelles offres correspondent à votre alerte :`
      : `Votre sélection ${kind === 'daily' ? 'du jour' : 'de la semaine'} : ${count} offre${count > 1 ? 's' : ''}.`;
  const subject = headerSafe(
    count === 1 ? `Nouvelle offre : ${shown[0]!.offer.title}` : `${count} nouvelles offres pour votre alerte`,
  );
  const more =
    overflow > 0
      ? `${overflow} autre${overflow > 1 ? 's' : ''} offre${overflow > 1 ? 's' : ''} : voir toutes les offres de votre alerte`
      : 'Voir toutes les offres de votre alerte';
  const view = {
    subject,
    heading: kind === 'instant' ? 'Nouvelles offres pour votre alerte' : 'Votre sélection d’offres',
    intro,
    offers: shown.map((m) => ({
      title: m.offer.title,
      contract: CONTRACT_LABELS[m.offer.contractType],
      where: [m.offer.companyName, m.offer.placeLabel].filter(Boolean).join(' — ') || null,
      applyUrl: m.offer.applyUrl,
      why: whyLines(m.explanation),
    })),
    more,
    seeAll: links.seeAll,
    manage: links.manage,
    unsubscribe: links.unsubscribe,
  };
  return { subject, ...renderEmailParts('alert-email', view) };
}
