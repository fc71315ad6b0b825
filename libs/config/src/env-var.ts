import { z } from 'zod';

/** Metadata every environment variable carries: shown in docs, and `sensitive` keeps its value out of logs. */
export interface EnvVarMeta {
  description: string;
  sensitive?: boolean;
}

const registry = new WeakMap<z.ZodType, EnvVarMeta>();

/** Attaches a description (and the sensitive flag) to the schema of one environment variable. */
export function envVar<T extends z.ZodType>(schema: T, meta: EnvVarMeta): T {
  registry.set(schema, meta);
  return schema;
}

export function envVarMeta(schema: z.ZodType): EnvVarMeta | undefined {
  return registry.get(schema);
}

/** A comma-separated list of non-empty strings, e.g. `KAFKA_BROKERS=a:9092,b:9092`. */
export const csv = () =>
  z
    .string()
    .transform((s) =>
      s
        .split(',')
        .map((p) => p.trim())
        .filter((p) => p.length > 0),
    )
    .pipe(z.array(z.string()).min(1, 'must list at least one value'));

/** Booleans as written in environments: true/false/1/0/yes/no. */
export const flag = () =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no'], { message: 'must be true or false' })
    .transform((v) => v === 'true' || v === '1' || v === 'yes');
