import { z } from 'zod';
import { SealedEnvelopeSchema } from './sealed';

type Keys<Shape extends z.ZodRawShape> = keyof Shape & string;
type Flatten<T> = z.core.util.Flatten<T>;

/**
 * The wire variants of a contract whose personal fields are sealed under the candidate's key
 * (crypto-shredding, docs/cv.md): `sealedFields`, what the `sealed` envelope holds once opened
 * (JSON); `sealed`, the record written since the switch (the clear fields plus `sealed`); and
 * `record`, what the topic carries (sealed, or clear for records written before the switch, in
 * that order so a sealed record is never read as a clear one).
 *
 * Every field of `clear` is named once, in `layout.clear` or `layout.sealed`: a field added to
 * the contract fails at load until someone decides whether it is personal. The sealed fields
 * include `candidateId`, which a reader checks against the key's own subject.
 */
export function sealedVariants<
  Shape extends z.ZodRawShape & { candidateId: z.ZodType<string> },
  Config extends z.core.$ZodObjectConfig,
  const Sealed extends readonly Keys<Shape>[],
>(
  clear: z.ZodObject<Shape, Config>,
  layout: { readonly clear: readonly Exclude<Keys<Shape>, Sealed[number]>[]; readonly sealed: Sealed },
) {
  assertPartition(Object.keys(clear.shape), layout.clear, layout.sealed);
  // zod types pick/omit by a literal mask; this one is built from the layout, hence the casts.
  const sealedMask = Object.fromEntries(layout.sealed.map((k) => [k, true])) as never;
  const sealedFields = clear.pick(sealedMask) as unknown as z.ZodObject<
    Flatten<Pick<Shape, Sealed[number]>>,
    Config
  >;
  const sealed = (
    clear.omit(sealedMask) as unknown as z.ZodObject<Flatten<Omit<Shape, Sealed[number]>>, Config>
  ).extend({ sealed: SealedEnvelopeSchema });
  return { sealedFields, sealed, record: z.union([sealed, clear]) };
}

/** The record's Kafka key: the key's id once sealed (a pseudonym that dies with the key), else the candidate. */
export function candidateRecordKey(record: { sealed: { kid: string } } | { candidateId: string }): string {
  return 'sealed' in record ? record.sealed.kid : record.candidateId;
}

function assertPartition(
  fields: readonly string[],
  clear: readonly string[],
  sealed: readonly string[],
): void {
  const named = [...clear, ...sealed];
  const unnamed = fields.filter((f) => !named.includes(f));
  const twice = named.filter((f, i) => named.indexOf(f) !== i);
  const unknown = named.filter((f) => !fields.includes(f));
  if (!sealed.includes('candidateId')) throw new Error('sealedVariants: candidateId must be sealed');
  if (unnamed.length + twice.length + unknown.length > 0) {
    throw new Error(
      `sealedVariants: every field is clear or sealed, once (unnamed: ${unnamed.join(', ') || '-'}; ` +
        `twice: ${twice.join(', ') || '-'}; not in the schema: ${unknown.join(', ') || '-'})`,
    );
  }
}
