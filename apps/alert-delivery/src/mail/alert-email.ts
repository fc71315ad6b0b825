import { MatchCreatedV1 } from '@vigie/contracts';
import { CONTRACT_LABELS } from './contract-labels';

/** A header value on one line: CR/LF and other controls could otherwise inject headers (E1). */
export function headerSafe(value: string, max = 150): string {
  const oneLine = value
    // eslint-disable-next-line no-control-regex -- stripping control characters is the point
    .replace(/[\u0000-\u001F\u007F]+/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return oneLine.length > max ? `${oneLine.slice(0, max - 1)}…` : oneLine;
}

export function escapeHtml(value: string): string {
  return value.replace(
    /[&<>"']/g,
    (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c]!,
  );
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

export function renderAlertEmail(match: MatchCreatedV1, unsubscribeUrl: string): AlertEmail {
  const offer = match.offer;
  const where = [offer.companyName, offer.city].filter((v): v is string => Boolean(v)).join(' — ');
  const reasons = explanationLines(match);
  const subject = headerSafe(`Nouvelle offre : ${offer.title}`);
  const text = [
    'Bonjour,',
    '',
    'Une nouvelle offre correspond à votre alerte :',
    '',
    `${offer.title} (${CONTRACT_LABELS[offer.contractType]})`,
    ...(where ? [where] : []),
    ...(offer.applyUrl ? [`Postuler : ${offer.applyUrl}`] : []),
    '',
    'Pourquoi cette offre ?',
    ...reasons.map((r) => `- ${r}`),
    'Cette sélection repose uniquement sur les critères de votre alerte.',
    '',
    `Se désabonner de cette alerte : ${unsubscribeUrl}`,
  ].join('\n');
  const html = [
    '<!doctype html><html lang="fr"><body>',
    '<p>Bonjour,</p><p>Une nouvelle offre correspond à votre alerte :</p>',
    `<h2>${escapeHtml(offer.title)} <small>(${CONTRACT_LABELS[offer.contractType]})</small></h2>`,
    where ? `<p>${escapeHtml(where)}</p>` : '',
    offer.applyUrl ? `<p><a href="${escapeHtml(offer.applyUrl)}">Voir l'offre et postuler</a></p>` : '',
    '<h3>Pourquoi cette offre ?</h3><ul>',
    ...reasons.map((r) => `<li>${escapeHtml(r)}</li>`),
    '</ul><p>Cette sélection repose uniquement sur les critères de votre alerte.</p>',
    `<p><a href="${escapeHtml(unsubscribeUrl)}">Se désabonner de cette alerte</a></p>`,
    '</body></html>',
  ].join('');
  return { subject, text, html };
}
