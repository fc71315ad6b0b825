export * from './feed-format';
export * from './feed-format-error';
export * from './open-feed-stream';
export * from './peek-stream';
export * from './detect-feed-format';
export * from './parser-registry';
