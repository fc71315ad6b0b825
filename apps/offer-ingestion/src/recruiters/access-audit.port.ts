export interface DeniedAccess {
  recruiterId: string;
  /** What was attempted, e.g. `offer.read`, `offer.delete`, `feed.delete`. */
  action: string;
  resourceType: 'offer' | 'feed' | 'import';
  resourceId: string;
}

/**
 * Port: the audit trail of refused accesses. The caller answers 404 whatever the reason (someone
 * else's resource looks like a missing one); the trail lets operators spot a recruiter probing ids.
 */
export abstract class AccessAudit {
  abstract recordDenied(entry: DeniedAccess): Promise<void>;
}
