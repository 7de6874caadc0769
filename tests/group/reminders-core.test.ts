/**
 * The reminder core on real SQLite with a recording channel and DM port (the adapter's ports; the Discord side is
 * covered by reminders.test.ts): a bot that was down at the 24 h mark sends only the 2 h reminder and never the
 * late 24 h one; no channel set means no post; nobody missing means no post.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { silentLogger, type Db } from '../../src/core/context.js';
import type { Reply } from '../../src/core/reply.js';
import { openDatabase } from '../../src/db/connection.js';
import { setLink } from '../../src/group/links.js';
import { sendDueGroupReminders, setMemberNotify, setReminderChannel } from '../../src/group/reminders.js';
import { saveMeeting } from '../../src/group/schedule.js';
import type { Section } from '../../src/notes/types.js';
import { insertLog } from '../../src/study/store.js';
import { recordingChannel, type RecordingChannel } from '../support/context.js';

const HOUR = 3_600_000;
const DEADLINE = Date.parse('2027-01-08T14:59:00Z');
let dir: string;
let db: Db;
let channel: RecordingChannel;
let dms: { userId: string; reply: Reply }[];
let sections: Section[];

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'group-remind-'));
  db = openDatabase(path.join(dir, 'study.db'));
  channel = recordingChannel('remind');
  dms = [];
  sections = [];
  saveMeeting(
    db,
    'g1',
    {
      book: 'b',
      seq: 1,
      startsAt: DEADLINE + 14 * HOUR,
      deadlineAt: DEADLINE,
      chapters: [4],
      presenter: null,
      place: null,
      voiceChannelId: null,
    },
    'set',
    0,
  );
  insertLog(db, {
    guildId: 'g1',
    userId: 'u1',
    chapter: 4,
    minutes: 5,
    day: '2027-01-07',
    memo: null,
    source: 'log',
    createdAt: 0,
  });
  setMemberNotify(db, 'g1', 'u1', { dm: true }, 0);
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

const run = (now: number) =>
  sendDueGroupReminders(
    {
      db,
      notes: { sections },
      logger: silentLogger,
      channelFor: (id) => (id === 'remind' ? channel : undefined),
      dm: { sendDm: async (userId, reply) => void dms.push({ userId, reply }) },
    },
    'g1',
    now,
  );

describe('reminder core', () => {
  it('a bot down at the 24 h mark sends only the 2 h reminder, and the 24 h one never goes out late', async () => {
    setReminderChannel(db, 'g1', 'remind', 0);
    const sent = await run(DEADLINE - HOUR);
    expect(sent.map((s) => s.kind)).toEqual(['2h']);
    expect(channel.sent).toHaveLength(1);
    expect(String(channel.sent[0]?.reply.content)).toContain('2시간');
    expect(dms.map((d) => d.userId)).toEqual(['u1']);
    expect(await run(DEADLINE - HOUR + 60_000)).toEqual([]);
    expect(channel.sent).toHaveLength(1);
  });

  it('no reminder channel: DMs only; nobody missing: nothing at all', async () => {
    await run(DEADLINE - 23 * HOUR);
    expect(channel.sent).toEqual([]);
    expect(dms).toHaveLength(1);

    setReminderChannel(db, 'g1', 'remind', 0);
    setLink(db, 'g1', 'u1', '김규민', 'u1', 0);
    sections.push({
      author: '김규민',
      chapter: '4',
      file: '김규민/[Chapter4].md',
      kind: 'concept',
      empty: false,
    } as Section);
    expect(await run(DEADLINE - HOUR)).toEqual([]);
    expect(channel.sent).toEqual([]);
  });
});
