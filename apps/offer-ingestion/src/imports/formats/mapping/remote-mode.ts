import type { RemoteMode } from '@vigie/contracts';
import { foldWording } from './fold';

/**
 * Remote wordings (Indeed's remotetype, schema.org TELECOMMUTE, French words) to none / partial /
 * full. Unknown wordings give `undefined`, which the schema reads as `none`.
 */
export function remoteModeOf(source: string | undefined | null): RemoteMode | undefined {
  if (!source) return undefined;
  const folded = foldWording(source);
  // Indeed's « temporarily remote » (a COVID-era value) describes no lasting remote work.
  if (/^(no|none|non|aucun|pas de teletravail|on[- ]site|sur site|onsite|temporarily remote)$/.test(folded))
    return 'none';
  if (
    /\b(hybrid|hybride|partial|partiel|partielle|occasionnel|ponctuel|jours? par semaine|days? a week)\b/.test(
      folded,
    )
  ) {
    return 'partial';
  }
  if (
    /\b(fully remote|full remote|100 ?% (remote|teletravail)|remote|telecommute|teletravail (total|complet)|full|total|complet)\b/.test(
      folded,
    )
  ) {
    return 'full';
  }
  return undefined;
}
