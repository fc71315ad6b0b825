import { openEach } from './open-each';
import { SubjectCipherError } from './subject-cipher.port';

interface Rec {
  id: string;
  outcome: 'open' | 'erased' | 'invalid' | 'crash';
}

/** Opens a record as its `outcome` says: the errors a SubjectCipher gives, or an unexpected one. */
function open(record: Rec): Promise<string> {
  switch (record.outcome) {
    case 'open':
      return Promise.resolve(`opened ${record.id}`);
    case 'erased':
      return Promise.reject(new SubjectCipherError('subject-erased', 'key destroyed'));
    case 'invalid':
      return Promise.reject(new SubjectCipherError('envelope-invalid', `bad envelope ${record.id}`));
    case 'crash':
      return Promise.reject(new Error('connection reset'));
  }
}

describe('openEach', () => {
  it('sorts a batch into opened (in order), erased (counted) and invalid (with the record and reason)', async () => {
    const bad: Rec = { id: 'c', outcome: 'invalid' };
    const batch: Rec[] = [
      { id: 'a', outcome: 'open' },
      { id: 'b', outcome: 'erased' },
      bad,
      { id: 'd', outcome: 'open' },
      { id: 'e', outcome: 'erased' },
    ];

    const outcome = await openEach(batch, open);

    expect(outcome).toEqual({
      opened: ['opened a', 'opened d'],
      erased: 2,
      invalid: [{ item: bad, reason: 'bad envelope c' }],
    });
    expect(outcome.invalid[0]!.item).toBe(bad);
  });

  it('throws any other error, once every record has settled, so the whole batch is retried', async () => {
    const settled: string[] = [];
    const tracked = async (record: Rec) => {
      try {
        return await open(record);
      } finally {
        settled.push(record.id);
      }
    };

    await expect(
      openEach(
        [
          { id: 'a', outcome: 'crash' },
          { id: 'b', outcome: 'open' },
        ],
        tracked,
      ),
    ).rejects.toThrow('connection reset');
    expect(settled.sort()).toEqual(['a', 'b']);
  });

  it('opens nothing in an empty batch', async () => {
    await expect(openEach([], open)).resolves.toEqual({ opened: [], erased: 0, invalid: [] });
  });
});
