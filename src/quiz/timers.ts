/** The timer port the quiz manager and the reminder scheduler use; tests pass a manual one driven by their clock. */
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
