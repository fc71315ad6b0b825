import { z } from 'zod';
import { ConfigValidationError } from './config-error';
import { databaseEnv, httpEnv, kafkaEnv, runtimeEnv } from './env-fragments';
import { csv, envVar, flag } from './env-var';
import { describeConfig, loadConfig, redactConfig } from './load-config';

const SHAPE = {
  ...runtimeEnv,
  ...httpEnv(3001),
  ...databaseEnv('offer_ingestion'),
  ...kafkaEnv('offer-ingestion'),
};

const VALID_ENV = {
  DATABASE_URL: 'postgres://vigie:pg-s3cret@db:5432/vigie',
  KAFKA_BROKERS: 'kafka-1:9092',
};

/** Runs loadConfig and returns the validation error it throws (fails the test if it does not throw). */
function problemsOf(shape: Parameters<typeof loadConfig>[0], env: NodeJS.ProcessEnv): ConfigValidationError {
  try {
    loadConfig(shape, env);
  } catch (e) {
    if (e instanceof ConfigValidationError) return e;
    throw e;
  }
  throw new Error('expected loadConfig to throw a ConfigValidationError');
}

describe('loadConfig', () => {
  it('returns typed values with defaults applied when only the required variables are set', () => {
    const result = loadConfig(SHAPE, VALID_ENV);

    expect(result).toMatchObject({
      NODE_ENV: 'development',
      LOG_LEVEL: 'info',
      HTTP_HOST: '127.0.0.1',
      HTTP_PORT: 3001,
      DATABASE_URL: VALID_ENV.DATABASE_URL,
      DATABASE_SCHEMA: 'offer_ingestion',
      DATABASE_POOL_MAX: 10,
      KAFKA_BROKERS: ['kafka-1:9092'],
      KAFKA_CLIENT_ID: 'offer-ingestion',
      KAFKA_TOPIC_PREFIX: '',
      KAFKA_SSL: false,
    });
    expect(result.FAULT_INJECTION).toBeUndefined();
    expect(result.KAFKA_SASL_PASSWORD).toBeUndefined();
  });

  it('coerces numeric variables from their string form', () => {
    const result = loadConfig(SHAPE, { ...VALID_ENV, HTTP_PORT: '8080', DATABASE_POOL_MAX: '25' });

    expect(result.HTTP_PORT).toBe(8080);
    expect(result.DATABASE_POOL_MAX).toBe(25);
  });

  it('ignores variables that are not part of the shape', () => {
    const result = loadConfig(SHAPE, { ...VALID_ENV, UNRELATED: 'x', PATH: '/usr/bin' });

    expect(result).not.toHaveProperty('UNRELATED');
    expect(result).not.toHaveProperty('PATH');
  });

  it('names every missing and every invalid variable in a single error', () => {
    const result = problemsOf(SHAPE, {
      HTTP_PORT: '70000',
      NODE_ENV: 'staging',
      DATABASE_SCHEMA: 'Bad-Schema',
    });

    expect(result.name).toBe('ConfigValidationError');
    const names = result.problems.map((p) => p.split(':')[0]).sort();
    expect(names).toEqual(['DATABASE_SCHEMA', 'DATABASE_URL', 'HTTP_PORT', 'KAFKA_BROKERS', 'NODE_ENV']);
    expect(result.problems).toContain('DATABASE_URL: is required but not set');
    expect(result.problems).toContain('KAFKA_BROKERS: is required but not set');
    expect(result.problems).toContain('DATABASE_SCHEMA: must be a lower-case SQL identifier');
    for (const name of names) expect(result.message).toContain(name);
  });

  it('never echoes the value of a variable it rejects', () => {
    const secrets = {
      DATABASE_URL: 'mysql://root:Sup3rS3cretPw@db/x',
      HTTP_PORT: 'port-T0pS3cret',
      NODE_ENV: 'env-Cl4ssified',
      KAFKA_SSL: 'flag-H1dden',
      KAFKA_TOPIC_PREFIX: 'PREFIX-Pr1vate',
    };
    const result = problemsOf(SHAPE, { ...VALID_ENV, ...secrets });

    expect(result.problems).toHaveLength(Object.keys(secrets).length);
    for (const value of Object.values(secrets)) {
      expect(result.message).not.toContain(value);
      for (const problem of result.problems) expect(problem).not.toContain(value);
    }
    expect(result.problems).toContain('DATABASE_URL: must be a postgres:// or postgresql:// URL');
  });

  it('treats an empty variable as not set: the default applies', () => {
    const result = loadConfig(SHAPE, { ...VALID_ENV, HTTP_PORT: '', LOG_LEVEL: '', KAFKA_SSL: '' });

    expect(result.HTTP_PORT).toBe(3001);
    expect(result.LOG_LEVEL).toBe('info');
    expect(result.KAFKA_SSL).toBe(false);
  });

  it('treats an empty required variable as missing, not as an invalid value', () => {
    const result = problemsOf(SHAPE, { ...VALID_ENV, DATABASE_URL: '' });

    expect(result.problems).toEqual(['DATABASE_URL: is required but not set']);
  });

  it('treats an empty optional variable as undefined rather than as an empty string', () => {
    const result = loadConfig(SHAPE, { ...VALID_ENV, KAFKA_SASL_USERNAME: '', FAULT_INJECTION: '' });

    expect(result.KAFKA_SASL_USERNAME).toBeUndefined();
    expect(result.FAULT_INJECTION).toBeUndefined();
  });

  it('reads process.env when no environment is given', () => {
    const shape = { VIGIE_TEST_ONLY_VARIABLE: envVar(z.string(), { description: 'test' }) };
    process.env.VIGIE_TEST_ONLY_VARIABLE = 'from-process-env';
    try {
      expect(loadConfig(shape).VIGIE_TEST_ONLY_VARIABLE).toBe('from-process-env');
    } finally {
      delete process.env.VIGIE_TEST_ONLY_VARIABLE;
    }
  });
});

describe('csv()', () => {
  const shape = { LIST: envVar(csv(), { description: 'a list' }) };

  it('splits on commas, trims each value and drops empty ones', () => {
    const result = loadConfig(shape, { LIST: ' a:9092 , b:9092,,c:9092, ' });

    expect(result.LIST).toEqual(['a:9092', 'b:9092', 'c:9092']);
  });

  it('keeps a single value as a one-element list', () => {
    expect(loadConfig(shape, { LIST: 'only:9092' }).LIST).toEqual(['only:9092']);
  });

  it('rejects a list made only of separators and blanks', () => {
    const result = problemsOf(shape, { LIST: ' , ,' });

    expect(result.problems).toEqual(['LIST: must list at least one value']);
  });
});

describe('flag()', () => {
  const shape = { ENABLED: envVar(flag().default(false), { description: 'a flag' }) };

  it.each([
    ['true', true],
    ['1', true],
    ['yes', true],
    ['false', false],
    ['0', false],
    ['no', false],
  ])('reads %s as %s', (raw, expected) => {
    expect(loadConfig(shape, { ENABLED: raw }).ENABLED).toBe(expected);
  });

  it('falls back to its default when unset', () => {
    expect(loadConfig(shape, {}).ENABLED).toBe(false);
  });

  it.each(['maybe', 'on', '2'])('rejects %s with a message that says what is expected', (raw) => {
    const result = problemsOf(shape, { ENABLED: raw });

    expect(result.problems).toEqual(['ENABLED: must be true or false']);
  });
});

describe('redactConfig', () => {
  it('masks sensitive variables and keeps the others as they are', () => {
    const config = loadConfig(SHAPE, {
      ...VALID_ENV,
      KAFKA_SASL_USERNAME: 'svc-user',
      KAFKA_SASL_PASSWORD: 'sasl-s3cret',
    });

    const result = redactConfig(SHAPE, config);

    expect(result.DATABASE_URL).toBe('***');
    expect(result.KAFKA_SASL_PASSWORD).toBe('***');
    expect(result.KAFKA_SASL_USERNAME).toBe('svc-user');
    expect(result.HTTP_PORT).toBe(3001);
    expect(result.KAFKA_BROKERS).toEqual(['kafka-1:9092']);
    expect(JSON.stringify(result)).not.toContain('pg-s3cret');
    expect(JSON.stringify(result)).not.toContain('sasl-s3cret');
  });

  it('leaves an unset sensitive variable undefined, so the log shows it is missing rather than masked', () => {
    const result = redactConfig(SHAPE, loadConfig(SHAPE, VALID_ENV));

    expect(result.KAFKA_SASL_PASSWORD).toBeUndefined();
  });

  it('lists every variable of the shape', () => {
    const result = redactConfig(SHAPE, loadConfig(SHAPE, VALID_ENV));

    expect(Object.keys(result).sort()).toEqual(Object.keys(SHAPE).sort());
  });
});

describe('describeConfig', () => {
  it('gives one row per variable with its description and flags', () => {
    const result = describeConfig(SHAPE);

    expect(result.map((r) => r.name)).toEqual(Object.keys(SHAPE));
    expect(result.find((r) => r.name === 'DATABASE_URL')).toEqual({
      name: 'DATABASE_URL',
      description: 'Postgres connection URL (may contain a password).',
      sensitive: true,
      required: true,
    });
  });

  it('marks variables with a default or optional ones as not required', () => {
    const rows = new Map(describeConfig(SHAPE).map((r) => [r.name, r]));

    expect(rows.get('HTTP_PORT')).toMatchObject({ required: false, sensitive: false });
    expect(rows.get('KAFKA_SASL_PASSWORD')).toMatchObject({ required: false, sensitive: true });
    expect(rows.get('KAFKA_BROKERS')).toMatchObject({ required: true, sensitive: false });
    expect(rows.get('HTTP_PORT')?.description).toContain('3001');
  });

  it('describes a schema without metadata with an empty description', () => {
    const result = describeConfig({ BARE: z.string() });

    expect(result).toEqual([{ name: 'BARE', description: '', sensitive: false, required: true }]);
  });
});
