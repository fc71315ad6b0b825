export * from './clock';
export * from './domain-error';
export * from './signed-token';
export * from './candidate-links';
export * from './subject-cipher';
export * from './worker-pool';
export * from './field-errors';
