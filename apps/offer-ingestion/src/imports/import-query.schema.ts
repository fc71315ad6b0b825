import { z } from 'zod';

export const StartImportQuerySchema = z.object({
  mode: z.enum(['snapshot', 'delta']).default('delta'),
  /** The number of offers the feed holds, when the sender knows it: checked by the snapshot guard. */
  expectedCount: z.coerce.number().int().min(0).max(100_000_000).optional(),
});

export const ReportQuerySchema = z.object({
  format: z.enum(['json', 'csv']).default('json'),
  after: z.coerce.number().int().min(0).default(0),
  limit: z.coerce.number().int().min(1).max(5_000).default(500),
});
