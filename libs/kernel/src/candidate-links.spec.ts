import { CandidateLinks, CANDIDATE_LINK_TTL_SECONDS } from './candidate-links';
import { FakeClock } from './clock';
import { InvalidTokenError, SignedTokens } from './signed-token';

const SECRET = 'a-test-secret-that-is-long-enough-0123456789';
const ALERT = '7c0f1e2d-1111-4000-8000-000000000001';

const tokenOf = (url: string) => new URL(url).searchParams.get('t') ?? '';
const reasonOf = (fn: () => unknown): string | undefined => {
  try {
    fn();
  } catch (e) {
    return e instanceof InvalidTokenError ? e.reason : 'other';
  }
  return undefined;
};

describe('CandidateLinks', () => {
  const clock = new FakeClock('2026-12-01T08:00:00Z');
  const sut = new CandidateLinks('https://alertes.example.org/', new SignedTokens(SECRET, clock));

  it('builds one page URL per kind under the base URL, with the token as `t`', () => {
    expect(sut.confirm(ALERT)).toMatch(
      /^https:\/\/alertes\.example\.org\/c\/alerts\/confirm\?t=[\w-]+\.[\w-]+$/,
    );
    expect(new URL(sut.manage(ALERT)).pathname).toBe('/c/alerts/manage');
    expect(new URL(sut.unsubscribe(ALERT)).pathname).toBe('/c/alerts/unsubscribe');
    expect(new URL(sut.unsubscribeAll('cand-1')).pathname).toBe('/c/unsubscribe-all');
  });

  it('keeps a path prefix of the base URL', () => {
    const prefixed = new CandidateLinks('https://example.org/vigie/', new SignedTokens(SECRET, clock));
    expect(new URL(prefixed.manage(ALERT)).pathname).toBe('/vigie/c/alerts/manage');
  });

  it('verifies a token for its own kind only and gives back the subject', () => {
    expect(sut.verify('manage', tokenOf(sut.manage(ALERT))).sub).toBe(ALERT);
    expect(sut.verify('unsubscribeAll', tokenOf(sut.unsubscribeAll('cand-1'))).sub).toBe('cand-1');
    expect(reasonOf(() => sut.verify('unsubscribeAll', tokenOf(sut.unsubscribe(ALERT))))).toBe(
      'wrong_purpose',
    );
    expect(reasonOf(() => sut.verify('confirm', tokenOf(sut.manage(ALERT))))).toBe('wrong_purpose');
  });

  it('expires each kind after its own lifetime', () => {
    const start = clock.now();
    const confirm = tokenOf(sut.confirm(ALERT));
    const unsubscribe = tokenOf(sut.unsubscribe(ALERT));
    clock.advance(CANDIDATE_LINK_TTL_SECONDS.confirm * 1000);
    expect(reasonOf(() => sut.verify('confirm', confirm))).toBe('expired');
    expect(sut.verify('unsubscribe', unsubscribe).sub).toBe(ALERT);
    clock.set(start.getTime() + CANDIDATE_LINK_TTL_SECONDS.unsubscribe * 1000);
    expect(reasonOf(() => sut.verify('unsubscribe', unsubscribe))).toBe('expired');
  });

  it('refuses a token signed with another secret', () => {
    const other = new CandidateLinks('https://alertes.example.org', new SignedTokens(`${SECRET}x`, clock));
    expect(reasonOf(() => sut.verify('manage', tokenOf(other.manage(ALERT))))).toBe('bad_signature');
  });
});
