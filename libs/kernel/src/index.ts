export * from './clock';
export * from './domain-error';
export * from './signed-token';
export * from './candidate-links';
export * from './subject-cipher';
