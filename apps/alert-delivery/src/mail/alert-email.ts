import { MatchCreatedV1 } from '@vigie/contracts';
import { CONTRACT_LABELS } from './contract-labels';
import { renderEmailParts } from './email-templates';

/** A header value on one line: CR/LF and other controls could otherwise inject headers (E1). */
export function headerSafe(value: string, max = 150): string {
  const oneLine = value
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

/** Why the candidate receives this offer, in their words (transparency of the matching). */
export function explanationLines(match: MatchCreatedV1): string[] {
  const e = match.explanation;
  const lines = [`Mots-clés de votre alerte : ${e.matchedKeywords.join(', ')}`];
  if (e.contractType) lines.push(`Type de contrat recherché : ${CONTRACT_LABELS[e.contractType]}`);
  if (e.placeLabel && e.radiusKm !== null) {
    lines.push(
      e.distanceKm !== null
        ? `À ${e.distanceKm.toLocaleString('fr-FR')} km de ${e.placeLabel} (rayon choisi : ${e.radiusKm} km)`
        : `Poste en télétravail complet (lieu choisi : ${e.placeLabel})`,
    );
  }
  return lines;
}

export interface AlertEmail {
  subject: string;
  text: string;
  html: string;
}

/**
 * The instant e-mail of one alerts.match.created.v1 match, from the `match-v1` templates: the
 * same path as the v2 e-mails (`renderEmailParts`), so Handlebars is the one place that escapes
 * HTML (offer title, company, links).
 */
export function renderAlertEmail(match: MatchCreatedV1, unsubscribeUrl: string): AlertEmail {
  const offer = match.offer;
  const subject = headerSafe(`Nouvelle offre : ${offer.title}`);
  const view = {
    subject,
    title: offer.title,
    contract: CONTRACT_LABELS[offer.contractType],
    where: [offer.companyName, offer.city].filter(Boolean).join(' — ') || null,
    applyUrl: offer.applyUrl,
    why: explanationLines(match),
    unsubscribe: unsubscribeUrl,
  };
  return { subject, ...renderEmailParts('match-v1', view) };
}
