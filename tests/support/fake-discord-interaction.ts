/**
 * The handle a test gets back from `fake.sendCommand()` / `fake.clickButton()`: every answer the bot gave to that
 * interaction (callback, edits of @original, followups), and promises that settle when the next one arrives.
 */
import { EventEmitter } from 'node:events';
import type { Json, RecordedFile } from './fake-discord-payloads.js';

export type ResponseKind =
  'callback' | 'edit-original' | 'delete-original' | 'followup' | 'edit-followup' | 'delete-followup';

export interface InteractionResponse {
  kind: ResponseKind;
  /** For `callback`: 4 reply, 5 defer, 6 deferred update, 7 update, 8 autocomplete result, 9 modal. */
  callbackType?: number;
  status: number;
  ok: boolean;
  /** What the bot sent: the callback's `data`, or the webhook body. */
  data: Json;
  files: RecordedFile[];
  /** The message as it stands after this response, when the response produced or changed one. */
  message?: Json;
  /** Shortcut for `message.content`. */
  content?: string;
  /** Discord's error body when `!ok`. */
  error?: Json;
  at: number;
}

const LOADING = 128;

/** A visible message: accepted, and not a "Bot is thinking…" placeholder. */
export const isVisibleReply = (r: InteractionResponse): boolean =>
  r.ok && r.message !== undefined && ((r.message.flags as number) & LOADING) === 0;

export class FakeInteraction {
  readonly responses: InteractionResponse[] = [];
  /** True once a callback was accepted. */
  acknowledged = false;
  /** True once the ack deadline passed without an accepted callback. */
  deadlinePassed = false;
  /** The @original message as it stands now (after callback and edits). */
  original: Json | undefined;
  readonly followups = new Map<string, Json>();
  readonly dispatchedAt = Date.now();
  private readonly events = new EventEmitter<{ changed: [] }>();
  private readonly pending = new Set<() => void>();

  constructor(
    /** The INTERACTION_CREATE payload that was sent. */
    readonly payload: Json,
    /** The fake's clock reading at dispatch, for token expiry. */
    readonly createdAt: number,
  ) {}

  get id(): string {
    return this.payload.id as string;
  }
  get token(): string {
    return this.payload.token as string;
  }
  get type(): number {
    return this.payload.type as number;
  }

  /** Resolves with the first thing the bot sent for this interaction (usually the callback), accepted or not. */
  firstResponse(timeoutMs = 5000): Promise<InteractionResponse> {
    return this.until(() => this.responses[0], timeoutMs, 'a first response');
  }

  /** Resolves with the first response (so far or future) matching `predicate`; by default a visible message. */
  waitForReply(
    predicate: (r: InteractionResponse) => boolean = isVisibleReply,
    timeoutMs = 5000,
  ): Promise<InteractionResponse> {
    return this.until(() => this.responses.find(predicate), timeoutMs, 'a matching reply');
  }

  /** Resolves when the ack deadline passes with no accepted callback (the fake's 'deadline' event). */
  deadline(timeoutMs = 10_000): Promise<void> {
    return this.until(() => (this.deadlinePassed ? true : undefined), timeoutMs, 'the ack deadline').then(() => {});
  }

  /** @internal called by the fake. */
  record(response: InteractionResponse): void {
    this.responses.push(response);
    this.events.emit('changed');
  }

  /** @internal called by the fake. */
  markDeadline(): void {
    this.deadlinePassed = true;
    this.events.emit('changed');
  }

  /** @internal called by `fake.close()`: stops pending waits' timers (their promises simply never settle). */
  dispose(): void {
    for (const cleanup of this.pending) cleanup();
  }

  private until<T>(check: () => T | undefined, timeoutMs: number, what: string): Promise<T> {
    const now = check();
    if (now !== undefined) return Promise.resolve(now);
    return new Promise<T>((resolve, reject) => {
      const onChange = () => {
        const value = check();
        if (value === undefined) return;
        cleanup();
        resolve(value);
      };
      const timer = setTimeout(() => {
        cleanup();
        const seen = this.responses.map((r) => `${r.kind}${r.callbackType ?? ''}:${r.status}`).join(', ') || 'none';
        reject(new Error(`Interaction ${this.id}: no ${what} within ${timeoutMs} ms (responses: ${seen})`));
      }, timeoutMs);
      const cleanup = () => {
        clearTimeout(timer);
        this.events.off('changed', onChange);
        this.pending.delete(cleanup);
      };
      this.events.on('changed', onChange);
      this.pending.add(cleanup);
    });
  }
}
