import { SubjectCipher, SubjectCipherError } from './subject-cipher.port';

/**
 * Opens a sealed JSON object by its envelope's key id and checks it: `parse` (a schema's
 * `safeParse`, kept out of the kernel) must accept it, and it must name the key's own subject — a
 * key cannot vouch for another person. Throws `subject-erased` once the key is destroyed (from
 * `open`), `envelope-invalid` (with `what`) for anything else that does not hold.
 */
export async function openSealedFields<F>(
  cipher: SubjectCipher,
  sealed: unknown,
  parse: (json: unknown) => F | undefined,
  subjectOf: (fields: F) => string,
  what: string,
): Promise<F> {
  const { subjectId, plaintext } = await cipher.open(sealed);
  let json: unknown;
  try {
    json = JSON.parse(plaintext);
  } catch {
    json = undefined;
  }
  const fields = parse(json);
  if (fields === undefined || subjectOf(fields) !== subjectId) {
    throw new SubjectCipherError('envelope-invalid', what);
  }
  return fields;
}
