/**
 * The fake's gateway: JSON over WebSocket, no compression. HELLO → IDENTIFY → READY + GUILD_CREATE, heartbeats,
 * RESUME with replay of missed dispatches by sequence number, and test controls to break the connection.
 */
import { randomBytes } from 'node:crypto';
import type { IncomingMessage } from 'node:http';
import { WebSocket, type WebSocketServer } from 'ws';
import type { Json } from './fake-discord-payloads.js';

export interface GatewayRecord {
  at: number;
  direction: 'in' | 'out';
  /** Which WebSocket connection (1, 2, …) — a resume or re-identify uses a new one. */
  connection: number;
  op: number;
  t?: string | null;
  s?: number | null;
  d: unknown;
}

export type SessionStart = 'ready' | 'resumed';

export interface GatewayEvents {
  gateway: [GatewayRecord];
  /** A WebSocket connected; `path` is the URL it used (`/gateway?...` or `/resume?...`). */
  connection: [{ connection: number; path: string }];
  identify: [{ connection: number; sessionId: string }];
  /** READY and every GUILD_CREATE were sent. */
  ready: [{ connection: number; sessionId: string }];
  /** RESUMED was sent after replaying `replayed` missed dispatches. */
  resumed: [{ connection: number; sessionId: string; replayed: number }];
  disconnect: [{ connection: number; code: number }];
}

interface Session {
  id: string;
  seq: number;
  /** Every dispatch, so a RESUME can replay what the client missed. */
  events: { op: 0; t: string; s: number; d: unknown }[];
  /** The connection currently receiving this session's dispatches (unset while disconnected or resuming). */
  socket?: WebSocket;
  valid: boolean;
}

export interface GatewayOptions {
  heartbeatIntervalMs: number;
  /** When set, IDENTIFY/RESUME with another token is closed with 4004. */
  token?: string;
  /** Where the gateway reports what happens (the FakeDiscord's emitter). */
  emit: <K extends keyof GatewayEvents>(event: K, ...args: GatewayEvents[K]) => void;
  ready: (sessionId: string) => Json;
  guildCreates: () => Json[];
}

export class FakeGateway {
  readonly log: GatewayRecord[] = [];
  private current: Session | undefined;
  private readonly sessions = new Map<string, Session>();
  private readonly connectionIds = new Map<WebSocket, number>();
  private nextConnection = 1;
  private withholdAcks = false;

  constructor(
    wss: WebSocketServer,
    private readonly options: GatewayOptions,
  ) {
    wss.on('connection', (socket, req) => this.accept(socket, req));
  }

  /** True when a session is live: identified or resumed, with an open connection. */
  get connected(): boolean {
    return this.current?.valid === true && this.current.socket?.readyState === WebSocket.OPEN;
  }

  get sessionId(): string | undefined {
    return this.current?.id;
  }

  /** Sends a dispatch (op 0) on the current session; queued for replay if the client is away (e.g. resuming). */
  dispatch(t: string, d: unknown): void {
    const session = this.current;
    if (!session?.valid) throw new Error(`Cannot dispatch ${t}: no bot session (wait for fake.waitForConnected())`);
    this.dispatchTo(session, t, d);
  }

  /** Closes the bot's connection: with a resumable close code (default 4000), or abnormally (no close frame). */
  dropConnection({ code = 4000, abnormal = false }: { code?: number; abnormal?: boolean } = {}): Promise<void> {
    const socket = this.liveSocket('drop the connection');
    const closed = new Promise<void>((resolve) => socket.once('close', () => resolve()));
    if (abnormal) socket.terminate();
    else socket.close(code, 'fake-discord: dropped by test');
    return closed;
  }

  /** Sends op 9. Resumable: the client should RESUME on the same socket; otherwise the session is gone. */
  sendInvalidSession(resumable: boolean): void {
    const session = this.current;
    const socket = this.liveSocket('send INVALID_SESSION');
    if (session) {
      session.socket = undefined;
      if (!resumable) session.valid = false;
    }
    this.send(socket, { op: 9, d: resumable });
  }

  /** Sends op 7: the client should reconnect and resume. */
  sendReconnect(): void {
    const socket = this.liveSocket('send RECONNECT');
    if (this.current) this.current.socket = undefined;
    this.send(socket, { op: 7, d: null });
  }

  /** While on, heartbeats get no ACK; discord.js then treats the connection as a zombie and resumes. */
  withholdHeartbeatAcks(on: boolean): void {
    this.withholdAcks = on;
  }

  private liveSocket(what: string): WebSocket {
    const socket = this.current?.socket;
    if (!socket || socket.readyState !== WebSocket.OPEN) throw new Error(`Cannot ${what}: the bot is not connected`);
    return socket;
  }

  private accept(socket: WebSocket, req: IncomingMessage): void {
    const connection = this.nextConnection++;
    this.connectionIds.set(socket, connection);
    let session: Session | undefined;
    this.options.emit('connection', { connection, path: req.url ?? '/' });
    socket.on('close', (code) => {
      if (session?.socket === socket) session.socket = undefined;
      this.connectionIds.delete(socket);
      this.options.emit('disconnect', { connection, code });
    });
    socket.on('message', (raw) => {
      let payload: { op?: unknown; d?: unknown };
      try {
        payload = JSON.parse(String(raw)) as { op?: unknown; d?: unknown };
      } catch {
        socket.close(4002, 'Decode error');
        return;
      }
      this.record(socket, 'in', payload);
      const d = (payload.d ?? {}) as Json;
      switch (payload.op) {
        case 1: // HEARTBEAT (also the one discord.js sends shortly after HELLO)
          if (!this.withholdAcks) this.send(socket, { op: 11 });
          return;
        case 2: // IDENTIFY
          if (session) return void socket.close(4005, 'Already authenticated');
          if (!this.tokenOk(d.token)) return void socket.close(4004, 'Authentication failed');
          session = this.identify(socket, connection);
          return;
        case 6: // RESUME
          if (!this.tokenOk(d.token)) return void socket.close(4004, 'Authentication failed');
          session = this.resume(socket, connection, d) ?? session;
          return;
        case 3: // PRESENCE_UPDATE
        case 4: // VOICE_STATE_UPDATE
        case 8: // REQUEST_GUILD_MEMBERS
          return;
        default:
          socket.close(4001, 'Unknown opcode');
      }
    });
    this.send(socket, {
      op: 10,
      d: { heartbeat_interval: this.options.heartbeatIntervalMs, _trace: ['fake-discord'] },
    });
  }

  private tokenOk(token: unknown): boolean {
    return this.options.token === undefined || token === this.options.token;
  }

  private identify(socket: WebSocket, connection: number): Session {
    const session: Session = { id: randomBytes(16).toString('hex'), seq: 0, events: [], socket, valid: true };
    this.sessions.set(session.id, session);
    this.current = session;
    this.options.emit('identify', { connection, sessionId: session.id });
    // discord.js waits up to 15 s for a GUILD_CREATE per guild listed as unavailable in READY.
    this.dispatchTo(session, 'READY', this.options.ready(session.id));
    for (const guild of this.options.guildCreates()) this.dispatchTo(session, 'GUILD_CREATE', guild);
    this.options.emit('ready', { connection, sessionId: session.id });
    return session;
  }

  private resume(socket: WebSocket, connection: number, d: Json): Session | undefined {
    const session = this.sessions.get(String(d.session_id));
    if (!session?.valid) {
      this.send(socket, { op: 9, d: false });
      return undefined;
    }
    const from = typeof d.seq === 'number' ? d.seq : 0;
    if (from > session.seq) {
      socket.close(4007, 'Invalid seq');
      return undefined;
    }
    if (session.socket && session.socket !== socket) session.socket.close(4009, 'Session taken over');
    const missed = session.events.filter((e) => e.s > from);
    for (const event of missed) this.send(socket, event);
    session.socket = socket;
    this.current = session;
    this.send(socket, { op: 0, t: 'RESUMED', s: ++session.seq, d: { _trace: ['fake-discord'] } });
    this.options.emit('resumed', { connection, sessionId: session.id, replayed: missed.length });
    return session;
  }

  private dispatchTo(session: Session, t: string, d: unknown): void {
    const event = { op: 0 as const, t, s: ++session.seq, d };
    session.events.push(event);
    if (session.socket?.readyState === WebSocket.OPEN) this.send(session.socket, event);
  }

  private send(socket: WebSocket, payload: { op: number; t?: string; s?: number; d?: unknown }): void {
    this.record(socket, 'out', payload);
    socket.send(JSON.stringify({ t: null, s: null, d: null, ...payload }));
  }

  private record(
    socket: WebSocket,
    direction: 'in' | 'out',
    payload: { op?: unknown; t?: unknown; s?: unknown; d?: unknown },
  ) {
    const record: GatewayRecord = {
      at: Date.now(),
      direction,
      connection: this.connectionIds.get(socket) ?? 0,
      op: Number(payload.op),
      t: typeof payload.t === 'string' ? payload.t : null,
      s: typeof payload.s === 'number' ? payload.s : null,
      d: payload.d,
    };
    this.log.push(record);
    this.options.emit('gateway', record);
  }
}
