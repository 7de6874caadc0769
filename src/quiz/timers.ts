/**
 * The timer port the quiz manager and the schedulers (review reminders, the group tick, notes sync) use; tests pass
 * a manual one driven by their clock.
 */
export interface TimerHandle {
  readonly id: number;
}

export interface Timers {
  set(fn: () => void, ms: number): TimerHandle;
  clear(handle: TimerHandle): void;
}

export function realTimers(): Timers {
  const live = new Map<number, NodeJS.Timeout>();
  let next = 1;
  return {
    set(fn, ms) {
      const id = next++;
      live.set(
        id,
        setTimeout(() => {
          live.delete(id);
          fn();
        }, ms),
      );
      return { id };
    },
    clear(handle) {
      clearTimeout(live.get(handle.id));
      live.delete(handle.id);
    },
  };
}

/**
 * Runs `work` every `intervalMs` on `timers` until stopped, each run `intervalMs` after the last one finished (so
 * runs never overlap). A failed run is reported to `onError` and the loop goes on; `onDone` is called after each run.
 */
export function repeatEvery(
  timers: Timers,
  intervalMs: number,
  work: () => Promise<unknown>,
  handlers: { onError: (err: unknown) => void; onDone?: () => void },
): { stop(): void } {
  let handle: TimerHandle | null = null;
  let stopped = false;
  const loop = () => {
    handle = timers.set(() => {
      work()
        .catch(handlers.onError)
        .finally(() => {
          if (!stopped) loop();
          handlers.onDone?.();
        });
    }, intervalMs);
  };
  loop();
  return {
    stop() {
      stopped = true;
      if (handle) timers.clear(handle);
    },
  };
}
