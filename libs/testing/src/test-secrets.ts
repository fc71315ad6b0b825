import { signCandidateToken } from '@vigie/platform';

/** Secrets of the services started by tests: test-only values, never used elsewhere. */
export const TEST_SECRETS = {
  ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
  CANDIDATE_TOKEN_SECRET: 'test-candidate-secret-0123456789abcdef0123',
  UNSUBSCRIBE_SECRET: 'test-unsubscribe-secret-0123456789abcdef01',
  ALERT_LINK_SECRET: 'test-alert-link-secret-0123456789abcdef0123',
  INTERNAL_API_TOKEN: 'test-internal-api-token-0123456789abcdef01',
};

/** A candidate's bearer token, signed with the tests' secret, as the identity service would issue it. */
export function testCandidateToken(candidateId: string, email: string): string {
  return signCandidateToken({ candidateId, email }, TEST_SECRETS.CANDIDATE_TOKEN_SECRET);
}
