import { InMemorySubjectKeyStore } from '@vigie/testing/unit';
import { AesGcmSubjectCipher } from './aes-gcm-subject-cipher';
import { openSealedFields } from './open-sealed-fields';
import { SubjectCipherError } from './subject-cipher.port';

type Fields = { candidateId: string; note: string };
const parse = (json: unknown): Fields | undefined =>
  typeof json === 'object' && json !== null && typeof (json as Fields).candidateId === 'string'
    ? (json as Fields)
    : undefined;
const open = (cipher: AesGcmSubjectCipher, sealed: unknown) =>
  openSealedFields(cipher, sealed, parse, (f) => f.candidateId, 'not the key’s candidate');
const codeOf = (p: Promise<unknown>) =>
  p.then(
    () => 'opened',
    (e: unknown) => (e instanceof SubjectCipherError ? e.code : `other: ${String(e)}`),
  );

describe('openSealedFields', () => {
  const cipher = new AesGcmSubjectCipher(new InMemorySubjectKeyStore());

  it('gives the fields sealed under their own subject’s key', async () => {
    const sealed = await cipher.encrypt('cand-1', JSON.stringify({ candidateId: 'cand-1', note: 'é' }));
    expect(await open(cipher, sealed)).toEqual({ candidateId: 'cand-1', note: 'é' });
  });

  it('refuses fields naming another subject than the key’s, text that is not JSON, and a shape parse refuses', async () => {
    const other = await cipher.encrypt('cand-1', JSON.stringify({ candidateId: 'cand-2', note: '' }));
    const text = await cipher.encrypt('cand-1', 'not json');
    const shape = await cipher.encrypt('cand-1', JSON.stringify({ note: 'no candidate' }));
    for (const sealed of [other, text, shape])
      expect(await codeOf(open(cipher, sealed))).toBe('envelope-invalid');
  });

  it('passes on subject-erased once the key is destroyed', async () => {
    const sealed = await cipher.encrypt('cand-3', JSON.stringify({ candidateId: 'cand-3', note: '' }));
    await cipher.destroy(['cand-3']);
    expect(await codeOf(open(cipher, sealed))).toBe('subject-erased');
  });
});
