import { z } from 'zod';
import { ConfigValidationError } from './config-error';
import { envVarMeta } from './env-var';

export type EnvShape = Record<string, z.ZodType>;
export type ConfigOf<S extends EnvShape> = z.infer<z.ZodObject<S>>;

/**
 * Parses the environment against a flat schema whose keys are the variable names, so every
 * error message names the variable to fix. Values are never echoed: they may be secrets.
 */
export function loadConfig<S extends EnvShape>(shape: S, env: NodeJS.ProcessEnv = process.env): ConfigOf<S> {
  const input: Record<string, string | undefined> = {};
  for (const name of Object.keys(shape)) {
    const raw = env[name];
    // An empty variable means "not set", as with most twelve-factor loaders.
    input[name] = raw === undefined || raw === '' ? undefined : raw;
  }
  const result = z.object(shape).safeParse(input);
  if (!result.success) {
    const problems = result.error.issues.map((issue) => {
      const name = String(issue.path[0] ?? '(root)');
      const reason = input[name] === undefined ? 'is required but not set' : issue.message;
      return `${name}: ${reason}`;
    });
    throw new ConfigValidationError(problems);
  }
  return result.data;
}

/** A copy of the configuration safe to log: sensitive variables are masked. */
export function redactConfig<S extends EnvShape>(shape: S, config: ConfigOf<S>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [name, schema] of Object.entries(shape)) {
    const value = (config as Record<string, unknown>)[name];
    out[name] = envVarMeta(schema)?.sensitive && value !== undefined ? '***' : value;
  }
  return out;
}

/** Rows for the configuration table in the docs: name, description, sensitive, default. */
export function describeConfig(
  shape: EnvShape,
): Array<{ name: string; description: string; sensitive: boolean; required: boolean }> {
  return Object.entries(shape).map(([name, schema]) => ({
    name,
    description: envVarMeta(schema)?.description ?? '',
    sensitive: envVarMeta(schema)?.sensitive ?? false,
    required: !schema.safeParse(undefined).success,
  }));
}
