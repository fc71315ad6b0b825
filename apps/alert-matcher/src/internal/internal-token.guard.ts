// The guard is shared with alert-delivery's internal API: one implementation, in @vigie/platform.
export { INTERNAL_API_TOKEN, InternalTokenGuard } from '@vigie/platform';
