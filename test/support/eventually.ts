/**
 * Polls `read` until `done` accepts its value, for asynchronous outcomes (the
 * geocoding pipeline). The bound only limits how long a failing test waits:
 * past it the last value is returned, so the test's assertion shows what was
 * seen instead of a bare timeout. No duration is ever asserted.
 */
export async function eventually<T>(read: () => Promise<T>, done: (value: T) => boolean, boundMs = 20_000): Promise<T> {
  const giveUpAt = Date.now() + boundMs;
  for (;;) {
    const value = await read();
    if (done(value) || Date.now() > giveUpAt) return value;
    await new Promise((r) => setTimeout(r, 100));
  }
}
