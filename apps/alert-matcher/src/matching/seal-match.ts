import type {
  MatchCreatedV2,
  MatchWithdrawnV1,
  SealedMatchCreatedV2,
  SealedMatchWithdrawnV1,
} from '@vigie/contracts';
import { SubjectCipher } from '@vigie/kernel';

/**
 * The candidate of a match (and their alert's criteria, in the explanation) sealed under the
 * candidate's key, destroyed by their erasure: every copy on the retained match topics becomes
 * unreadable at once. The record key becomes the key's id (a pseudonym dying with the key).
 */
export async function sealMatch(cipher: SubjectCipher, match: MatchCreatedV2): Promise<SealedMatchCreatedV2> {
  const { candidateId, explanation, ...rest } = match;
  return { ...rest, sealed: await cipher.encrypt(candidateId, JSON.stringify({ candidateId, explanation })) };
}

export async function sealWithdrawal(
  cipher: SubjectCipher,
  withdrawal: MatchWithdrawnV1,
): Promise<SealedMatchWithdrawnV1> {
  const { candidateId, ...rest } = withdrawal;
  return { ...rest, sealed: await cipher.encrypt(candidateId, JSON.stringify({ candidateId })) };
}
