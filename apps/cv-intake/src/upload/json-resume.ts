import { z } from 'zod';
import { CvError } from '../cvs/cv-errors';

/** Keys that can reach an object's prototype when a parsed document is later copied or merged (J1). */
const PROTOTYPE_KEYS = new Set(['__proto__', 'constructor', 'prototype']);

const text = (max = 2_000) => z.string().max(max);
const list = <T extends z.ZodType>(item: T, max = 200) => z.array(item).max(max);

/**
 * The jsonresume.org schema (v1.x), the parts Vigie reads typed and bounded; unknown keys are
 * allowed, as the schema allows them. Dates stay strings (the schema's ISO 8601 partial dates
 * "2020", "2020-04", "2020-04-01"); parsing decides what they mean.
 */
export const JsonResumeSchema = z.looseObject({
  basics: z
    .looseObject({
      name: text(300).optional(),
      label: text(300).optional(),
      image: text(2_000).optional(),
      email: text(320).optional(),
      phone: text(100).optional(),
      url: text(2_000).optional(),
      summary: text(10_000).optional(),
      location: z
        .looseObject({
          address: text(500).optional(),
          postalCode: text(20).optional(),
          city: text(200).optional(),
          countryCode: text(10).optional(),
          region: text(200).optional(),
        })
        .optional(),
      profiles: list(
        z.looseObject({
          network: text(100).optional(),
          username: text(200).optional(),
          url: text(2_000).optional(),
        }),
        50,
      ).optional(),
    })
    .optional(),
  work: list(
    z.looseObject({
      name: text(300).optional(),
      position: text(300).optional(),
      location: text(300).optional(),
      startDate: text(40).optional(),
      endDate: text(40).optional(),
      summary: text(10_000).optional(),
      highlights: list(text(2_000), 100).optional(),
    }),
    100,
  ).optional(),
  education: list(
    z.looseObject({
      institution: text(300).optional(),
      area: text(300).optional(),
      studyType: text(300).optional(),
      startDate: text(40).optional(),
      endDate: text(40).optional(),
      score: text(100).optional(),
      courses: list(text(300), 100).optional(),
    }),
    50,
  ).optional(),
  skills: list(
    z.looseObject({
      name: text(200).optional(),
      level: text(100).optional(),
      keywords: list(text(200), 100).optional(),
    }),
    200,
  ).optional(),
  languages: list(
    z.looseObject({ language: text(100).optional(), fluency: text(100).optional() }),
    50,
  ).optional(),
});
export type JsonResume = z.infer<typeof JsonResumeSchema>;

/**
 * Parses JSON without ever creating a `__proto__`/`constructor`/`prototype` key (they are dropped),
 * then validates it as a JSON Resume. Throws a CvError naming the first bad field.
 */
export function parseJsonResume(source: string): JsonResume {
  let raw: unknown;
  try {
    raw = JSON.parse(source, function (key, value: unknown) {
      return PROTOTYPE_KEYS.has(key) ? undefined : value;
    });
  } catch {
    throw new CvError('CV_JSON_RESUME_INVALID', 'the JSON document does not parse', [
      { field: 'file', reason: 'not valid JSON' },
    ]);
  }
  if (raw === null || typeof raw !== 'object' || Array.isArray(raw)) {
    throw new CvError('CV_JSON_RESUME_INVALID', 'a JSON Resume is an object', [
      { field: 'file', reason: 'the top level is not an object' },
    ]);
  }
  const parsed = JsonResumeSchema.safeParse(raw);
  if (!parsed.success) {
    const fields = parsed.error.issues.slice(0, 10).map((i) => ({
      field: ['file', ...i.path.map(String)].join('.'),
      reason: i.message,
    }));
    throw new CvError('CV_JSON_RESUME_INVALID', 'the document is not a valid JSON Resume', fields);
  }
  const known = ['basics', 'work', 'education', 'skills', 'languages'];
  if (!known.some((k) => k in parsed.data)) {
    throw new CvError('CV_JSON_RESUME_INVALID', 'the JSON document has none of the JSON Resume sections', [
      { field: 'file', reason: `expected at least one of ${known.join(', ')}` },
    ]);
  }
  return parsed.data;
}
