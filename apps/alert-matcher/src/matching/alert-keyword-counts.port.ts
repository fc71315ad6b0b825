import type { KeywordCount } from './alert-term-frequencies';

/** Port: how many active alerts share each keyword text (the matcher's anchor statistics). */
export abstract class AlertKeywordCounts {
  abstract activeKeywordCounts(): Promise<KeywordCount[]>;
}
