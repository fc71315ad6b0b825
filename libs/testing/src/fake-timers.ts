/**
 * Settles a promise while advancing Jest's fake clock through its backoff pauses, so retry logic
 * is tested without waiting for real time. Rethrows the promise's rejection.
 */
export async function driveFakeTimers<T>(
  promise: Promise<T>,
  { stepMs = 500, maxSteps = 10_000 } = {},
): Promise<T> {
  let settled = false;
  const outcome = promise.then(
    (value) => ({ ok: true as const, value }),
    (error: unknown) => ({ ok: false as const, error }),
  );
  void outcome.then(() => (settled = true));
  for (let i = 0; i < maxSteps && !settled; i++) await jest.advanceTimersByTimeAsync(stepMs);
  const result = await outcome;
  if (!result.ok) throw result.error;
  return result.value;
}
