/** Secrets of the services started by tests: test-only values, never used elsewhere. */
export const TEST_SECRETS = {
  ADMIN_TOKEN: 'test-admin-token-0123456789abcdef',
  CANDIDATE_TOKEN_SECRET: 'test-candidate-secret-0123456789abcdef0123',
  UNSUBSCRIBE_SECRET: 'test-unsubscribe-secret-0123456789abcdef01',
  ALERT_LINK_SECRET: 'test-alert-link-secret-0123456789abcdef0123',
  INTERNAL_API_TOKEN: 'test-internal-api-token-0123456789abcdef01',
};
