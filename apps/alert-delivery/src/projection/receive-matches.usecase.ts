import { Injectable } from '@nestjs/common';
import {
  isSealedMatch,
  MatchCreatedV2,
  MatchCreatedV2Record,
  MatchSealedFieldsSchema,
} from '@vigie/contracts';
import { openEach, openSealedFields, SubjectCipher } from '@vigie/kernel';
import { RecordMatchesUseCase } from './project-changes.usecase';

export interface ReceivedMatches<T> {
  recorded: number;
  /** Records whose candidate's key is destroyed: the candidate was erased, the match is dropped. */
  erased: number;
  /** Records that can never be opened (tampered): for the dead letters. */
  invalid: Array<{ item: T; reason: string }>;
}

/**
 * Opens the matches alert-matcher sealed (by the envelope's key id: the candidate is itself
 * sealed), reads older clear records as they are, and records them as pending. A match of an
 * erased candidate cannot be opened and is dropped: nothing to send, nothing to retry.
 */
@Injectable()
export class ReceiveMatchesUseCase {
  constructor(
    private readonly cipher: SubjectCipher,
    private readonly record: RecordMatchesUseCase,
  ) {}

  async execute<T>(
    items: readonly T[],
    recordOf: (item: T) => MatchCreatedV2Record,
  ): Promise<ReceivedMatches<T>> {
    const { opened, erased, invalid } = await openEach(items, (item) => this.open(recordOf(item)));
    const recorded = opened.length > 0 ? await this.record.execute(opened) : 0;
    return { recorded, erased, invalid };
  }

  private async open(record: MatchCreatedV2Record): Promise<MatchCreatedV2> {
    if (!isSealedMatch(record)) return record;
    const fields = await openSealedFields(
      this.cipher,
      record.sealed,
      (json) => MatchSealedFieldsSchema.safeParse(json).data,
      (sealedFields) => sealedFields.candidateId,
      'the sealed match fields are not { candidateId, explanation } of the key’s subject',
    );
    const { sealed: _, ...clear } = record;
    return { ...clear, ...fields };
  }
}
