export * from './catalogue';
export * from './common/offer-snapshot';
export * from './envelope';
export * from './event-definition';
export * from './events/match-created.v1';
export * from './events/offer-changed.v1';
export * from './events/offer-indexed.v1';
export * from './topics';
