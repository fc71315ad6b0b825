import { databaseEnv, envVar, httpEnv, runtimeEnv } from '@vigie/config';
import { z } from 'zod';

export const SERVICE_NAME = 'cv-intake';

export const CV_INTAKE_ENV = {
  ...runtimeEnv,
  ...httpEnv(3003),
  ...databaseEnv('cv_intake'),
  CANDIDATE_TOKEN_SECRET: envVar(z.string().min(32, 'must be at least 32 characters'), {
    description:
      "Shared secret verifying candidates' HS256 tokens issued by the job board's identity service.",
    sensitive: true,
  }),
};

export type CvIntakeConfig = z.infer<z.ZodObject<typeof CV_INTAKE_ENV>>;
