/**
 * The group's schedule: meetings per guild and book, in SQLite (group_meetings, migration 006).
 *
 * Where meetings come from: book.yaml's `meetings:` list seeds the table (`seedMeetings`, rows with source 'yaml',
 * kept in step with the file while they stay 'yaml'); `/schedule set` writes a row with source 'set', and from then
 * on that row wins over the file (the file's entry for the same week is ignored). Times are instants (epoch ms);
 * the wall clock they were given in is the group's timezone (STUDY_TIMEZONE).
 */
import type { Db } from '../core/context.js';
import { perConnection } from '../db/statements.js';

export interface Presenter {
  userId: string | null;
  name: string;
}

export interface Meeting {
  /** Row id, per guild. */
  id: number;
  guildId: string;
  /** Book key (book.yaml `key:`, else a slug of its title). */
  book: string;
  /** 1-based week number within the book. */
  seq: number;
  /** Epoch ms (UTC). */
  startsAt: number;
  /** Epoch ms; default 23:59 the day before startsAt in the group timezone. */
  deadlineAt: number;
  chapters: number[];
  presenter: Presenter | null;
  place: string | null;
  voiceChannelId: string | null;
}

/** What a meeting is made of, before it has a row. */
export type MeetingInput = Omit<Meeting, 'id' | 'guildId'>;

export type MeetingSource = 'yaml' | 'set';

interface Row {
  id: number;
  guild_id: string;
  book: string;
  seq: number;
  starts_at: number;
  deadline_at: number;
  chapters: string;
  presenter_user_id: string | null;
  presenter_name: string | null;
  place: string | null;
  voice_channel_id: string | null;
}

const COLS =
  'id, guild_id, book, seq, starts_at, deadline_at, chapters, presenter_user_id, presenter_name, place, voice_channel_id';

/** A meeting starting less than this long ago is still "the next one" (the meeting in progress). */
export const IN_PROGRESS_MS = 3 * 3_600_000;

function toMeeting(r: Row): Meeting {
  const chapters = (JSON.parse(r.chapters) as unknown[]).filter((c): c is number => Number.isInteger(c));
  return {
    id: r.id,
    guildId: r.guild_id,
    book: r.book,
    seq: r.seq,
    startsAt: r.starts_at,
    deadlineAt: r.deadline_at,
    chapters,
    presenter: r.presenter_name === null ? null : { userId: r.presenter_user_id, name: r.presenter_name },
    place: r.place,
    voiceChannelId: r.voice_channel_id,
  };
}

function statements(db: Db) {
  return {
    list: db.prepare<[string]>(`SELECT ${COLS} FROM group_meetings WHERE guild_id = ? ORDER BY starts_at, id`),
    listBook: db.prepare<[string, string]>(
      `SELECT ${COLS} FROM group_meetings WHERE guild_id = ? AND book = ? ORDER BY starts_at, id`,
    ),
    get: db.prepare<[string, number]>(`SELECT ${COLS} FROM group_meetings WHERE guild_id = ? AND id = ?`),
    bySeq: db.prepare<[string, string, number]>(
      `SELECT ${COLS}, source FROM group_meetings WHERE guild_id = ? AND book = ? AND seq = ?`,
    ),
    next: db.prepare<[string, number]>(
      `SELECT ${COLS} FROM group_meetings WHERE guild_id = ? AND starts_at > ? ORDER BY starts_at, id LIMIT 1`,
    ),
    nextBook: db.prepare<[string, string, number]>(
      `SELECT ${COLS} FROM group_meetings WHERE guild_id = ? AND book = ? AND starts_at > ? ORDER BY starts_at, id LIMIT 1`,
    ),
    previous: db.prepare<[string, string, number, number, number]>(
      `SELECT ${COLS} FROM group_meetings WHERE guild_id = ? AND book = ? AND (starts_at < ? OR (starts_at = ? AND id < ?))
       ORDER BY starts_at DESC, id DESC LIMIT 1`,
    ),
    presenter: db.prepare<[string | null, string | null, number, string, number]>(
      'UPDATE group_meetings SET presenter_user_id = ?, presenter_name = ?, updated_at = ? WHERE guild_id = ? AND id = ?',
    ),
    upsert: db.prepare(
      `INSERT INTO group_meetings (guild_id, book, seq, starts_at, deadline_at, chapters, presenter_user_id,
         presenter_name, place, voice_channel_id, source, updated_at)
       VALUES (@guildId, @book, @seq, @startsAt, @deadlineAt, @chapters, @presenterUserId, @presenterName, @place,
         @voiceChannelId, @source, @now)
       ON CONFLICT (guild_id, book, seq) DO UPDATE SET starts_at = excluded.starts_at,
         deadline_at = excluded.deadline_at, chapters = excluded.chapters,
         presenter_user_id = excluded.presenter_user_id, presenter_name = excluded.presenter_name,
         place = excluded.place, voice_channel_id = excluded.voice_channel_id, source = excluded.source,
         updated_at = excluded.updated_at
       RETURNING id`,
    ),
    remove: db.prepare<[string, number]>(`DELETE FROM group_meetings WHERE guild_id = ? AND id = ? RETURNING ${COLS}`),
    yamlRows: db.prepare<[string, string]>(
      "SELECT id, seq FROM group_meetings WHERE guild_id = ? AND book = ? AND source = 'yaml'",
    ),
    eventOf: db.prepare<[string, number]>(
      'SELECT event_id AS eventId, event_sig AS eventSig FROM group_meetings WHERE guild_id = ? AND id = ?',
    ),
    setEvent: db.prepare<[string | null, string | null, string, number]>(
      'UPDATE group_meetings SET event_id = ?, event_sig = ? WHERE guild_id = ? AND id = ?',
    ),
  };
}

const stmts = perConnection(statements);

export function listMeetings(db: Db, guildId: string, opts?: { book?: string }): Meeting[] {
  const s = stmts(db);
  const rows = (opts?.book ? s.listBook.all(guildId, opts.book) : s.list.all(guildId)) as Row[];
  return rows.map(toMeeting);
}

export function getMeeting(db: Db, guildId: string, id: number): Meeting | null {
  const row = stmts(db).get.get(guildId, id) as Row | undefined;
  return row ? toMeeting(row) : null;
}

export function meetingBySeq(db: Db, guildId: string, book: string, seq: number): Meeting | null {
  const row = stmts(db).bySeq.get(guildId, book, seq) as Row | undefined;
  return row ? toMeeting(row) : null;
}

/** The meeting members are preparing for: the first whose startsAt is after now minus 3 hours (meeting in progress counts). */
export function nextMeeting(db: Db, guildId: string, now: number, opts?: { book?: string }): Meeting | null {
  const s = stmts(db);
  const after = now - IN_PROGRESS_MS;
  const row = (opts?.book ? s.nextBook.get(guildId, opts.book, after) : s.next.get(guildId, after)) as Row | undefined;
  return row ? toMeeting(row) : null;
}

/** The meeting before `meeting` in the same book, or null. */
export function previousMeeting(db: Db, guildId: string, meeting: Meeting): Meeting | null {
  const row = stmts(db).previous.get(guildId, meeting.book, meeting.startsAt, meeting.startsAt, meeting.id) as
    Row | undefined;
  return row ? toMeeting(row) : null;
}

/** Sets (or clears) the presenter of a meeting; the Discord-event sync picks it up. */
export function setPresenter(
  db: Db,
  guildId: string,
  meetingId: number,
  presenter: { userId: string | null; name: string } | null,
): void {
  // updated_at is bookkeeping only (nothing reads it for timing), so the wall clock is fine here.
  stmts(db).presenter.run(presenter?.userId ?? null, presenter?.name ?? null, Date.now(), guildId, meetingId);
}

/** Writes one meeting (insert, or replace the book's meeting of the same week); returns its row. */
export function saveMeeting(db: Db, guildId: string, input: MeetingInput, source: MeetingSource, now: number): Meeting {
  const { id } = stmts(db).upsert.get({
    guildId,
    book: input.book,
    seq: input.seq,
    startsAt: input.startsAt,
    deadlineAt: input.deadlineAt,
    chapters: JSON.stringify(input.chapters),
    presenterUserId: input.presenter?.userId ?? null,
    presenterName: input.presenter?.name ?? null,
    place: input.place,
    voiceChannelId: input.voiceChannelId,
    source,
    now,
  }) as { id: number };
  const saved = getMeeting(db, guildId, id);
  if (!saved) throw new Error(`meeting ${id} vanished after saving`);
  return saved;
}

/** Deletes a meeting; returns what it was (the event sync deletes its Discord event), or null. */
export function deleteMeeting(db: Db, guildId: string, id: number): (Meeting & { eventId: string | null }) | null {
  const event = stmts(db).eventOf.get(guildId, id) as { eventId: string | null } | undefined;
  const row = stmts(db).remove.get(guildId, id) as Row | undefined;
  return row ? { ...toMeeting(row), eventId: event?.eventId ?? null } : null;
}

/**
 * Seeds (and keeps in step) a guild's meetings of `book` from book.yaml: a week the file lists is written unless a
 * `/schedule set` row for that week exists (SQLite wins); a 'yaml' row whose week left the file is deleted.
 * Returns the ids deleted (their Discord events go too).
 */
export function seedMeetings(
  db: Db,
  guildId: string,
  book: string,
  fromYaml: readonly MeetingInput[],
  now: number,
): { deleted: { id: number; eventId: string | null }[] } {
  const s = stmts(db);
  return db.transaction(() => {
    const listed = new Set<number>();
    for (const m of fromYaml) {
      if (m.book !== book) continue;
      listed.add(m.seq);
      const existing = s.bySeq.get(guildId, book, m.seq) as (Row & { source: MeetingSource }) | undefined;
      if (existing?.source === 'set') continue;
      if (existing && sameMeeting(toMeeting(existing), m)) continue;
      saveMeeting(db, guildId, m, 'yaml', now);
    }
    const deleted: { id: number; eventId: string | null }[] = [];
    for (const r of s.yamlRows.all(guildId, book) as { id: number; seq: number }[]) {
      if (listed.has(r.seq)) continue;
      const gone = deleteMeeting(db, guildId, r.id);
      if (gone) deleted.push({ id: gone.id, eventId: gone.eventId });
    }
    return { deleted };
  })();
}

function sameMeeting(a: Meeting, b: MeetingInput): boolean {
  return (
    a.startsAt === b.startsAt &&
    a.deadlineAt === b.deadlineAt &&
    JSON.stringify(a.chapters) === JSON.stringify(b.chapters) &&
    (a.presenter?.name ?? null) === (b.presenter?.name ?? null) &&
    (a.presenter?.userId ?? null) === (b.presenter?.userId ?? null) &&
    a.place === b.place &&
    a.voiceChannelId === b.voiceChannelId
  );
}

/** The Discord scheduled event made for a meeting, and the signature of what it was last synced with. */
export function meetingEvent(db: Db, guildId: string, id: number): { eventId: string | null; eventSig: string | null } {
  const row = stmts(db).eventOf.get(guildId, id) as { eventId: string | null; eventSig: string | null } | undefined;
  return row ?? { eventId: null, eventSig: null };
}

export function setMeetingEvent(db: Db, guildId: string, id: number, eventId: string | null, sig: string | null): void {
  stmts(db).setEvent.run(eventId, sig, guildId, id);
}
