import { Alert } from '../alerts/alert';
import { PlaceDirectory } from '../alerts/place-directory.port';
import { MatchableAlert } from './explain-match';
import { tokenize } from './keywords';

/**
 * An alert's criteria as the first matcher reads them: the required words of its query, the
 * centre of its commune, its department or region. Until the in-memory engine replaces it.
 */
export function matchableAlert(alert: Alert, places: PlaceDirectory): MatchableAlert {
  const keywords = (alert.criteria.q ?? '')
    .replace(/["“”„«»]/g, ' ')
    .split(/\s+/)
    .filter((w) => w.length > 0 && !w.startsWith('-'));
  const where = alert.criteria.where;
  const commune = where?.kind === 'commune' ? places.commune(where.communeCode) : null;
  return {
    id: alert.id,
    candidateId: alert.candidateId,
    email: alert.email,
    frequency: alert.frequency,
    keywords,
    keywordTokens: tokenize(keywords.join(' ')),
    place:
      where?.kind === 'commune' && commune
        ? { label: commune.name, communeCode: commune.code, ...commune.geo, radiusKm: where.radiusKm }
        : null,
    area:
      where?.kind === 'department'
        ? { kind: 'department', code: where.code, label: places.department(where.code)?.name ?? where.code }
        : where?.kind === 'region'
          ? { kind: 'region', code: where.code, label: places.region(where.code)?.name ?? where.code }
          : null,
    contractTypes: alert.criteria.contractTypes,
  };
}
