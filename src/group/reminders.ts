/**
 * Note-deadline reminders: 24 h and 2 h before a meeting's note deadline, a post in the guild's reminder channel
 * (opt-in: an admin sets the channel) naming only the members still missing notes — with a mention only for those
 * who opted in — and a DM to each missing member who chose DMs. Each reminder is sent once (group_reminders_sent),
 * so restarts and overlapping ticks never repeat one. Driven by the injectable timers (src/quiz/timers.ts), like the
 * review reminders in src/quiz/reminders.ts.
 */
import type { Db, Logger } from '../core/context.js';
import type { Reply } from '../core/reply.js';
import type { ChannelPort } from '../commands/types.js';
import { translate, type Locale } from '../i18n/index.js';
import type { DirectMessagePort } from '../quiz/reminders.js';
import { repeatEvery, type Timers } from '../quiz/timers.js';
import { listMeetings, type Meeting } from './schedule.js';
import { hasNotes, weekBoard, type WeekDeps, type WeekMember } from './week.js';
import { discordTime } from '../core/timestamp.js';

export const REMINDER_KINDS = [
  { kind: '24h', beforeMs: 24 * 3_600_000 },
  { kind: '2h', beforeMs: 2 * 3_600_000 },
] as const;
export type ReminderKind = (typeof REMINDER_KINDS)[number]['kind'];

export interface ReminderSettings {
  channelId: string | null;
}

export function reminderChannel(db: Db, guildId: string): string | null {
  const row = db.prepare('SELECT reminder_channel_id AS id FROM group_settings WHERE guild_id = ?').get(guildId) as
    { id: string | null } | undefined;
  return row?.id ?? null;
}

export function setReminderChannel(db: Db, guildId: string, channelId: string | null, now: number): void {
  db.prepare(
    `INSERT INTO group_settings (guild_id, reminder_channel_id, updated_at) VALUES (?, ?, ?)
     ON CONFLICT (guild_id) DO UPDATE SET reminder_channel_id = excluded.reminder_channel_id, updated_at = excluded.updated_at`,
  ).run(guildId, channelId, now);
}

export interface MemberNotify {
  dm: boolean;
  mention: boolean;
}

export function memberNotify(db: Db, guildId: string, userId: string): MemberNotify {
  const row = db
    .prepare('SELECT dm, mention FROM group_member_settings WHERE guild_id = ? AND user_id = ?')
    .get(guildId, userId) as { dm: number; mention: number } | undefined;
  return { dm: row?.dm === 1, mention: row?.mention === 1 };
}

export function setMemberNotify(db: Db, guildId: string, userId: string, change: Partial<MemberNotify>, now: number) {
  const current = memberNotify(db, guildId, userId);
  const next = { ...current, ...change };
  db.prepare(
    `INSERT INTO group_member_settings (guild_id, user_id, dm, mention, updated_at) VALUES (?, ?, ?, ?, ?)
     ON CONFLICT (guild_id, user_id) DO UPDATE SET dm = excluded.dm, mention = excluded.mention, updated_at = excluded.updated_at`,
  ).run(guildId, userId, next.dm ? 1 : 0, next.mention ? 1 : 0, now);
  return next;
}

/** Claims one reminder; false when it was already sent. */
function claim(db: Db, guildId: string, meetingId: number, kind: ReminderKind, target: string, now: number): boolean {
  return (
    db
      .prepare(
        'INSERT OR IGNORE INTO group_reminders_sent (guild_id, meeting_id, kind, target, sent_at) VALUES (?, ?, ?, ?, ?)',
      )
      .run(guildId, meetingId, kind, target, now).changes > 0
  );
}

/** The reminder due for a meeting at `now`: the latest whose time has come, while the deadline has not passed. */
export function dueKind(meeting: Meeting, now: number): ReminderKind | null {
  if (now >= meeting.deadlineAt) return null;
  let due: ReminderKind | null = null;
  for (const k of REMINDER_KINDS) if (now >= meeting.deadlineAt - k.beforeMs) due = k.kind;
  return due;
}

export interface ReminderDeps extends WeekDeps {
  logger: Logger;
  channelFor: ((channelId: string) => ChannelPort | undefined) | null;
  dm: DirectMessagePort | null;
  locale?: Locale;
}

export interface SentReminder {
  meetingId: number;
  kind: ReminderKind;
  channel: boolean;
  dms: string[];
  missing: string[];
}

function names(members: WeekMember[], mentions: Set<string>): string {
  return members.map((m) => (m.userId && mentions.has(m.userId) ? `<@${m.userId}>` : m.name)).join(', ');
}

/**
 * Sends the guild's reminders due at `now`. A 2 h reminder due together with an unsent 24 h one (the bot was
 * down) sends only the 2 h one; the 24 h one is marked so it never goes out late.
 */
export async function sendDueGroupReminders(deps: ReminderDeps, guildId: string, now: number): Promise<SentReminder[]> {
  const locale = deps.locale ?? 'ko';
  const out: SentReminder[] = [];
  const horizon = now + REMINDER_KINDS[0].beforeMs;
  for (const meeting of listMeetings(deps.db, guildId)) {
    if (meeting.deadlineAt <= now || meeting.deadlineAt > horizon) continue;
    const kind = dueKind(meeting, now);
    if (!kind) continue;
    const board = weekBoard(deps, guildId, meeting);
    const missing = board.members.filter((m) => !hasNotes(m));
    const sent: SentReminder = {
      meetingId: meeting.id,
      kind,
      channel: false,
      dms: [],
      missing: missing.map((m) => m.name),
    };
    const channelId = reminderChannel(deps.db, guildId);
    if (kind === '2h') claim(deps.db, guildId, meeting.id, '24h', 'channel', now);
    if (channelId && missing.length > 0 && claim(deps.db, guildId, meeting.id, kind, 'channel', now)) {
      const mentions = new Set(
        missing.flatMap((m) => (m.userId && memberNotify(deps.db, guildId, m.userId).mention ? [m.userId] : [])),
      );
      const reply: Reply = {
        content: translate(locale, kind === '24h' ? 'group.remind.channel24' : 'group.remind.channel2', {
          week: meeting.seq,
          deadline: discordTime(meeting.deadlineAt),
          names: names(missing, mentions),
        }),
        mentionUsers: [...mentions],
      };
      const port = deps.channelFor?.(channelId);
      try {
        if (!port) throw new Error(`no channel ${channelId}`);
        await port.send(reply);
        sent.channel = true;
      } catch (err) {
        deps.logger.warn({ err, guildId, channelId }, 'note reminder post failed');
      }
    }
    for (const m of missing) {
      if (!m.userId || !deps.dm) continue;
      if (!memberNotify(deps.db, guildId, m.userId).dm) continue;
      if (kind === '2h') claim(deps.db, guildId, meeting.id, '24h', m.userId, now);
      if (!claim(deps.db, guildId, meeting.id, kind, m.userId, now)) continue;
      try {
        await deps.dm.sendDm(m.userId, {
          content: translate(locale, 'group.remind.dm', {
            week: meeting.seq,
            chapters: meeting.chapters.join(', '),
            deadline: discordTime(meeting.deadlineAt),
          }),
        });
        sent.dms.push(m.userId);
      } catch (err) {
        deps.logger.warn({ err, guildId, userId: m.userId }, 'note reminder DM failed');
      }
    }
    if (sent.channel || sent.dms.length > 0) out.push(sent);
  }
  return out;
}

/** Runs `tick` every `intervalMs` (default a minute) on the given timers until stopped. */
export function startGroupScheduler(deps: {
  timers: Timers;
  logger: Logger;
  tick: () => Promise<void>;
  intervalMs?: number;
  /** Called after each tick has finished (tests wait on it instead of on time). */
  onTick?: () => void;
}): { stop(): void } {
  return repeatEvery(deps.timers, deps.intervalMs ?? 60_000, deps.tick, {
    onError: (err) => deps.logger.error({ err }, 'group scheduler tick failed'),
    ...(deps.onTick ? { onDone: deps.onTick } : {}),
  });
}
