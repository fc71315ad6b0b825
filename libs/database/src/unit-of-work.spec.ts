import { driveFakeTimers } from '@vigie/testing/unit';
import { DataSource, EntityManager } from 'typeorm';
import { Transaction } from './unit-of-work';
import { TypeOrmUnitOfWork } from './unit-of-work';

const manager = { marker: 'manager' } as unknown as EntityManager;

/** A data source reduced to `transaction`, failing with the given errors before succeeding. */
function fakeDataSource(failures: Error[]) {
  const transaction = jest.fn(async (work: (m: EntityManager) => Promise<unknown>) => {
    const failure = failures.shift();
    if (failure !== undefined) throw failure;
    return work(manager);
  });
  return { dataSource: { transaction } as unknown as DataSource, transaction };
}

const sqlError = (code: string) => Object.assign(new Error(`sqlstate ${code}`), { code });

const drive = <T>(promise: Promise<T>) => driveFakeTimers(promise, { stepMs: 100, maxSteps: 100 });

beforeEach(() => jest.useFakeTimers({ doNotFake: ['nextTick', 'queueMicrotask'] }));
afterEach(() => jest.useRealTimers());

describe('TypeOrmUnitOfWork', () => {
  it('runs the work in a transaction and returns its result', async () => {
    const { dataSource } = fakeDataSource([]);
    const sut = new TypeOrmUnitOfWork(dataSource);
    let seen: Transaction | undefined;

    const result = await sut.run(async (tx) => {
      seen = tx;
      return 42;
    });

    expect(result).toBe(42);
    expect(seen?.manager).toBe(manager);
  });

  it('retries the whole transaction on a serialization failure or a deadlock', async () => {
    const { dataSource, transaction } = fakeDataSource([
      sqlError('40001'),
      Object.assign(new Error('QueryFailedError: deadlock detected'), { driverError: { code: '40P01' } }),
    ]);
    const sut = new TypeOrmUnitOfWork(dataSource);

    await expect(drive(sut.run(async () => 'done'))).resolves.toBe('done');
    expect(transaction).toHaveBeenCalledTimes(3);
  });

  it('gives up after five attempts and throws the last error', async () => {
    const errors = [1, 2, 3, 4, 5].map(() => sqlError('40001'));
    const { dataSource, transaction } = fakeDataSource([...errors]);
    const sut = new TypeOrmUnitOfWork(dataSource);

    await expect(drive(sut.run(async () => 'never'))).rejects.toBe(errors[4]);
    expect(transaction).toHaveBeenCalledTimes(5);
  });

  it('does not retry other errors', async () => {
    const unique = sqlError('23505');
    const { dataSource, transaction } = fakeDataSource([unique]);
    const sut = new TypeOrmUnitOfWork(dataSource);

    await expect(sut.run(async () => 'never')).rejects.toBe(unique);
    expect(transaction).toHaveBeenCalledTimes(1);
  });

  it('does not retry an error thrown by the work itself', async () => {
    const { dataSource, transaction } = fakeDataSource([]);
    const sut = new TypeOrmUnitOfWork(dataSource);

    await expect(sut.run(async () => Promise.reject(new Error('not found')))).rejects.toThrow('not found');
    expect(transaction).toHaveBeenCalledTimes(1);
  });
});
