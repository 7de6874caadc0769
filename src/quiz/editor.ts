/**
 * Coalesces edits of one message: at most one edit in flight and one pending, at least `minGapMs` apart.
 * A request stores a render function, not a snapshot, so whichever edit runs last shows the latest state and a
 * burst of 50 clicks becomes one or two edits instead of 50 (Discord allows about 5 edits per 5 s per channel).
 */
import type { Clock, Logger } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import type { ChannelPort, MessageRef } from '../commands/types.js';
import type { TimerHandle, Timers } from './timers.js';

export class CoalescingEditor {
  private pending: (() => Reply) | null = null;
  private inFlight: Promise<void> | null = null;
  private timer: TimerHandle | null = null;
  private lastAt = -Infinity;
  private waiters: (() => void)[] = [];
  /** Edits actually sent, for tests and the bench. */
  edits = 0;

  constructor(
    private readonly channel: ChannelPort,
    readonly ref: MessageRef,
    private readonly deps: { timers: Timers; clock: Clock; logger: Logger; minGapMs: number },
  ) {}

  request(render: () => Reply): void {
    this.pending = render;
    this.pump();
  }

  /** Resolves when nothing is pending or in flight. */
  settled(): Promise<void> {
    if (!this.pending && !this.inFlight) return Promise.resolve();
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** Drops any pending edit and its timer (the message is gone or finished with). */
  cancel(): void {
    this.pending = null;
    if (this.timer) this.deps.timers.clear(this.timer);
    this.timer = null;
    if (!this.inFlight) this.notify();
  }

  private pump(): void {
    if (this.inFlight || this.timer || !this.pending) {
      if (!this.pending && !this.inFlight) this.notify();
      return;
    }
    const wait = this.lastAt + this.deps.minGapMs - this.deps.clock.now();
    if (wait > 0) {
      this.timer = this.deps.timers.set(() => {
        this.timer = null;
        this.pump();
      }, wait);
      return;
    }
    const render = this.pending;
    this.pending = null;
    this.lastAt = this.deps.clock.now();
    this.edits += 1;
    this.inFlight = this.channel
      .edit(this.ref, render())
      .catch((err: unknown) => this.deps.logger.warn({ err, ref: this.ref }, 'quiz message edit failed'))
      .finally(() => {
        this.inFlight = null;
        this.pump();
      });
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    for (const w of waiters) w();
  }
}
