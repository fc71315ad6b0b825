import { readGoldenFixtures } from '@vigie/testing/unit';
import { z } from 'zod';
import {
  ContactRequestSealedFieldsSchema,
  CvContactRequestCreatedV1RecordSchema,
  CvContactRequestCreatedV1Schema,
  SealedCvContactRequestCreatedV1Schema,
} from '../events/cv-contact-request-created.v1';
import {
  CvRetentionWarningCreatedV1RecordSchema,
  CvRetentionWarningCreatedV1Schema,
  RetentionWarningSealedFieldsSchema,
  SealedCvRetentionWarningCreatedV1Schema,
} from '../events/cv-retention-warning-created.v1';
import {
  CvViewSummaryCreatedV1RecordSchema,
  CvViewSummaryCreatedV1Schema,
  SealedCvViewSummaryCreatedV1Schema,
  ViewSummarySealedFieldsSchema,
} from '../events/cv-view-summary-created.v1';
import {
  MatchCreatedV2RecordSchema,
  MatchCreatedV2Schema,
  MatchSealedFieldsSchema,
  SealedMatchCreatedV2Schema,
} from '../events/match-created.v2';
import { TOPICS } from '../topics';
import { SealedEnvelopeSchema } from './sealed';
import { candidateRecordKey, sealedVariants } from './sealed-variants';

type Variants = { sealedFields: z.ZodType; sealed: z.ZodType; record: z.ZodType };

/** The variants as they were written by hand in each contract before `sealedVariants` (f9cdcb2). */
function handWritten(
  clear: z.ZodObject,
  sealedMask: Record<string, true>,
  clearMask: Record<string, true> | null,
  strictFields: boolean,
): Variants {
  const fields = clear.pick(sealedMask);
  const sealed = (clearMask ? clear.pick(clearMask) : clear.omit(sealedMask)).extend({
    sealed: SealedEnvelopeSchema,
  });
  return { sealedFields: strictFields ? fields.strict() : fields, sealed, record: z.union([sealed, clear]) };
}

const contracts = [
  {
    topic: TOPICS.cvContactRequestCreated,
    clear: CvContactRequestCreatedV1Schema,
    now: {
      sealedFields: ContactRequestSealedFieldsSchema,
      sealed: SealedCvContactRequestCreatedV1Schema,
      record: CvContactRequestCreatedV1RecordSchema,
    },
    before: handWritten(
      CvContactRequestCreatedV1Schema,
      { candidateId: true, cvId: true, company: true, message: true },
      { requestId: true, createdAt: true },
      false,
    ),
  },
  {
    topic: TOPICS.cvRetentionWarningCreated,
    clear: CvRetentionWarningCreatedV1Schema,
    now: {
      sealedFields: RetentionWarningSealedFieldsSchema,
      sealed: SealedCvRetentionWarningCreatedV1Schema,
      record: CvRetentionWarningCreatedV1RecordSchema,
    },
    before: handWritten(
      CvRetentionWarningCreatedV1Schema,
      { candidateId: true, lastActiveAt: true, erasesAt: true, cvCount: true },
      { warningId: true, createdAt: true },
      false,
    ),
  },
  {
    topic: TOPICS.cvViewSummaryCreated,
    clear: CvViewSummaryCreatedV1Schema,
    now: {
      sealedFields: ViewSummarySealedFieldsSchema,
      sealed: SealedCvViewSummaryCreatedV1Schema,
      record: CvViewSummaryCreatedV1RecordSchema,
    },
    before: handWritten(
      CvViewSummaryCreatedV1Schema,
      { candidateId: true, weekStart: true, recruiterCount: true, viewCount: true, companies: true },
      { summaryId: true, createdAt: true },
      false,
    ),
  },
  {
    topic: TOPICS.matchCreatedV2,
    clear: MatchCreatedV2Schema,
    now: {
      sealedFields: MatchSealedFieldsSchema,
      sealed: SealedMatchCreatedV2Schema,
      record: MatchCreatedV2RecordSchema,
    },
    before: handWritten(MatchCreatedV2Schema, { candidateId: true, explanation: true }, null, true),
  },
];

/** A fixture, the same with one field more, and the same without each of its fields in turn. */
function variationsOf(value: Record<string, unknown>): Array<Record<string, unknown>> {
  const without = Object.keys(value).map((k) =>
    Object.fromEntries(Object.entries(value).filter(([f]) => f !== k)),
  );
  return [value, { ...value, extra: 'x' }, ...without];
}

function outcome(schema: z.ZodType, value: unknown): unknown {
  const parsed = schema.safeParse(value);
  return parsed.success
    ? { data: parsed.data }
    : { issues: parsed.error.issues.map((i) => [i.code, i.path]) };
}

describe('sealedVariants', () => {
  describe.each(contracts.map((c) => [c.topic, c] as const))('%s', (topic, { clear, now, before }) => {
    const fixtures = readGoldenFixtures(topic).map((f) => f.value as Record<string, unknown>);

    it('has the JSON Schema of the hand-written variants', () => {
      for (const part of ['sealedFields', 'sealed', 'record'] as const) {
        expect({ part, schema: z.toJSONSchema(now[part]) }).toEqual({
          part,
          schema: z.toJSONSchema(before[part]),
        });
      }
    });

    it('reads every golden fixture, and every variation of it, as the hand-written record did', () => {
      expect(fixtures.some((f) => 'sealed' in f)).toBe(true);
      expect(fixtures.some((f) => !('sealed' in f))).toBe(true);
      for (const value of fixtures.flatMap(variationsOf)) {
        expect(outcome(now.record, value)).toEqual(outcome(before.record, value));
      }
    });

    it('reads the sealed fields of the clear fixtures as the hand-written schema did', () => {
      const sealedKeys = Object.keys(clear.shape).filter((k) => !(k in (now.sealed as z.ZodObject).shape));
      const clearFixtures = fixtures.filter((f) => !('sealed' in f));
      for (const value of clearFixtures) {
        const fields = Object.fromEntries(Object.entries(value).filter(([k]) => sealedKeys.includes(k)));
        for (const variation of variationsOf(fields)) {
          expect(outcome(now.sealedFields, variation)).toEqual(outcome(before.sealedFields, variation));
        }
      }
    });

    it('keys a sealed record by its key id and a clear one by its candidate', () => {
      for (const value of fixtures) {
        const parsed = now.record.parse(value) as Parameters<typeof candidateRecordKey>[0];
        const expected = 'sealed' in value ? (value.sealed as { kid: string }).kid : value.candidateId;
        expect(candidateRecordKey(parsed)).toBe(expected);
      }
    });
  });

  it('refuses a layout that leaves a field unnamed, names one twice, or leaves candidateId clear', () => {
    const clear = z.object({ id: z.string(), candidateId: z.string(), note: z.string() });
    expect(() => sealedVariants(clear, { clear: ['id'], sealed: ['candidateId'] })).toThrow('unnamed: note');
    expect(() =>
      sealedVariants(clear, { clear: ['id', 'note'], sealed: ['candidateId', 'note'] as never }),
    ).toThrow('twice: note');
    expect(() => sealedVariants(clear, { clear: ['id', 'candidateId'] as never, sealed: ['note'] })).toThrow(
      'candidateId must be sealed',
    );
    expect(() => sealedVariants(clear, { clear: ['id', 'note'], sealed: ['candidateId'] })).not.toThrow();
  });
});
