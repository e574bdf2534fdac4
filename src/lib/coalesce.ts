/**
 * Wraps an async task so that calls arriving while it runs coalesce into one more run after it:
 * a burst of change notifications costs at most two runs, and the last one sees the latest state.
 * Failures go to `onError`; they never reject the caller.
 */
export function coalesced(task: () => Promise<unknown>, onError: (err: unknown) => void): () => void {
  let running = false;
  let again = false;
  const run = (): void => {
    if (running) {
      again = true;
      return;
    }
    running = true;
    task()
      .catch(onError)
      .finally(() => {
        running = false;
        if (again) {
          again = false;
          run();
        }
      });
  };
  return run;
}
