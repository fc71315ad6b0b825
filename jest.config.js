// Three tiers, named by what they need: unit (nothing), int (real Postgres, Kafka, OpenSearch,
// SMTP), e2e (the built services running as processes). Infrastructure starts once per run in
// test/global-setup.mjs, and only when a tier that needs it is selected.
const swc = [
  '@swc/jest',
  {
    jsc: {
      parser: { syntax: 'typescript', decorators: true },
      transform: { legacyDecorator: true, decoratorMetadata: true },
      target: 'es2022',
    },
    module: { type: 'commonjs' },
    sourceMaps: 'inline',
  },
];

// Pure-ESM packages (no `require` export) are compiled to CommonJS by swc like our sources;
// file-type's "." export has only an `import` condition, so it is mapped to its Node entry.
// unpdf loads its pdf.js bundle with a dynamic import, which Jest's CommonJS VM cannot do: the
// bundle is mapped and compiled too (pdf-text.ts hands it over with definePDFJSModule).
const ESM_PACKAGES = [
  'unpdf',
  'file-type',
  'strtok3',
  'token-types',
  '@tokenizer',
  'uint8array-extras',
  '@borewit',
];

const aliases = {
  '^file-type$': '<rootDir>/node_modules/file-type/index.js',
  '^unpdf/pdfjs$': '<rootDir>/node_modules/unpdf/dist/pdfjs.mjs',
  '^@vigie/(contracts|testing)/(.*)$': '<rootDir>/libs/$1/src/$2',
  '^@vigie/(analysis|config|contracts|database|geo|kernel|messaging|observability|offer-index|platform|search-engine|testing)$':
    '<rootDir>/libs/$1/src/index.ts',
};

const tier = (name, pattern, extra = {}) => ({
  displayName: name,
  rootDir: __dirname,
  testEnvironment: 'node',
  testMatch: [`<rootDir>/{apps,libs,test}/**/*.${pattern}.ts`],
  transform: { '^.+\\.ts$': swc, '^.+\\.m?js$': swc },
  transformIgnorePatterns: [`/node_modules/(?!(?:.*/node_modules/)?(?:${ESM_PACKAGES.join('|')})/)`],
  moduleNameMapper: aliases,
  setupFiles: ['<rootDir>/test/setup-env.js'],
  ...extra,
});

/** @type {import('jest').Config} */
module.exports = {
  globalSetup: '<rootDir>/test/global-setup.mjs',
  globalTeardown: '<rootDir>/test/global-teardown.mjs',
  projects: [
    tier('unit', 'spec'),
    tier('int', 'int-spec', { slowTestThreshold: 30 }),
    tier('e2e', 'e2e-spec', { slowTestThreshold: 60 }),
  ],
  testTimeout: 120_000,
};
