/**
 * /schedule, /week and /link through the real bot (startBot) and the fake Discord, on a real SQLite file:
 * a meeting gets a Discord scheduled event (EXTERNAL with a location and an end time, or VOICE in a voice
 * channel), kept in step by PATCH and DELETE; without Manage Events the bot says so once and goes on; /week shows
 * each member's notes, time, stars and questions; /link links a member to a notes author.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { deleteMeeting, listMeetings, setPresenter } from '../../src/group/schedule.js';
import { manualClock } from '../support/context.js';
import { manualTimers } from '../quiz/support.js';
import { translate } from '../../src/i18n/index.js';
import {
  ADMIN,
  BOT_WITH_EVENTS,
  choicesOf,
  contentOf,
  descOf,
  embedOf,
  eventRequests,
  member,
  sender,
  WAIT_MS,
} from './support.js';

const NOTE = (title: string) => `# ${title}\n\n## 📝 내용 정리\n\n### 이미지\n\n이미지는 레이어로 이루어져요.\n`;
const NOTES = {
  'docker-book/김규민/[Chapter4] 도커 기초.md': NOTE('도커 기초'),
  'docker-book/이서연/[Chapter 4] 도커 기초.md': NOTE('도커 기초'),
  'docker-book/박지훈/[Chapter5] 볼륨.md': NOTE('볼륨'),
};

describe('schedule and events with Manage Events', () => {
  let h: BotHarness;
  const send = sender(() => h);
  // The scheduler's timers are the test's: a tick runs only when the test fires it.
  const clock = manualClock(Date.now());
  const timers = manualTimers(clock);
  let ticked: (() => void) | null = null;
  beforeAll(async () => {
    h = await startBotAgainstFake({
      notes: NOTES,
      fake: { guilds: [{ channels: ['general'], voiceChannels: ['스터디룸'], botPermissions: BOT_WITH_EVENTS }] },
      bot: { groupScheduler: { timers, onTick: () => ticked?.() } },
    });
  });
  afterAll(async () => h?.close());

  const voiceId = () => h.fake.guild.channels.find((c) => c.type === 2)?.id as string;
  const events = () => h.fake.scheduledEvents.list(h.fake.guild.id);

  it('creates an EXTERNAL event for a meeting with a place, then PATCHes it to VOICE, and DELETEs it', async () => {
    const admin = member(1);
    const saved = await send({
      name: 'schedule',
      subcommand: 'set',
      user: admin,
      memberPermissions: ADMIN,
      options: { week: 1, date: '2027-01-09', time: '14:00', chapters: '4', place: '강남역 스터디룸' },
    });
    expect(contentOf(saved)).toContain(translate('ko', 'group.schedule.saved', { week: 1, when: '2027-01-09 14:00' }));
    expect(descOf(saved)).toContain('1주차 · 2027-01-09 14:00 · 4장');
    expect(events()).toHaveLength(1);
    const [created] = events();
    expect(created).toMatchObject({
      entity_type: 3,
      channel_id: null,
      entity_metadata: { location: '강남역 스터디룸' },
      scheduled_start_time: '2027-01-09T05:00:00.000Z',
      scheduled_end_time: '2027-01-09T07:00:00.000Z',
      privacy_level: 2,
    });
    expect(created?.name).toContain('1주차');
    expect(created?.description).toContain('노트 마감: 2027-01-08 23:59');

    const moved = await send({
      name: 'schedule',
      subcommand: 'set',
      user: admin,
      memberPermissions: ADMIN,
      options: { week: 1, date: '2027-01-09', time: '15:00', chapters: '4,5', voice: `<#${voiceId()}>` },
    });
    expect(contentOf(moved)).not.toContain('⚠️');
    expect(events()).toHaveLength(1);
    expect(events()[0]).toMatchObject({
      id: created?.id,
      entity_type: 2,
      channel_id: voiceId(),
      entity_metadata: null,
      scheduled_start_time: '2027-01-09T06:00:00.000Z',
    });
    expect(eventRequests(h).map((r) => `${r.route} ${r.status}`)).toEqual([
      'POST /guilds/:guild/scheduled-events 200',
      'PATCH /guilds/:guild/scheduled-events/:event 200',
    ]);

    // Showing the schedule sends nothing to Discord when nothing changed.
    const shown = await send({ name: 'schedule', subcommand: 'show', user: member(2) });
    expect(descOf(shown)).toMatch(/^▶ \*\*1주차 · 2027-01-09 15:00 · 4, 5장/);
    expect(String(embedOf(shown).footer && (embedOf(shown).footer as { text: string }).text)).toContain('Asia/Seoul');
    expect(eventRequests(h)).toHaveLength(2);

    const deleted = await send({
      name: 'schedule',
      subcommand: 'delete',
      user: admin,
      memberPermissions: ADMIN,
      options: { week: 1 },
    });
    expect(contentOf(deleted)).toContain(translate('ko', 'group.schedule.deleted', { week: 1 }));
    expect(events()).toEqual([]);
    expect(eventRequests(h).at(-1)?.route).toBe('DELETE /guilds/:guild/scheduled-events/:event');
  });

  it('refuses /schedule set to a member who is not an admin, and bad input, writing nothing', async () => {
    const before = listMeetings(h.bot.app.services.db, h.fake.guild.id).length;
    const refused = await send({
      name: 'schedule',
      subcommand: 'set',
      user: member(3),
      options: { week: 2, date: '2027-01-16', time: '14:00', chapters: '5' },
    });
    expect(contentOf(refused)).toBe(translate('ko', 'error.adminOnly'));
    const bads: Record<string, string>[] = [
      { date: '2027-02-30', time: '14:00', chapters: '5' },
      { date: '2027-01-16', time: '25:00', chapters: '5' },
      { date: '2027-01-16', time: '14:00', chapters: '99' },
      { date: '2027-01-16', time: '14:00', chapters: '5', deadline: '2027-01-17 10:00' },
    ];
    for (const bad of bads) {
      const r = await send({
        name: 'schedule',
        subcommand: 'set',
        user: member(1),
        memberPermissions: ADMIN,
        options: { week: 2, ...bad },
      });
      expect(contentOf(r)).toMatch(/(날짜|시각|장|마감)/);
    }
    expect(listMeetings(h.bot.app.services.db, h.fake.guild.id)).toHaveLength(before);
    expect(events()).toEqual([]);
  });

  it('/week shows each member for the next meeting, linked or not, with the deadline as Discord timestamps', async () => {
    const admin = member(1);
    await send({
      name: 'schedule',
      subcommand: 'set',
      user: admin,
      memberPermissions: ADMIN,
      options: { week: 3, date: '2027-01-23', time: '14:00', chapters: '4' },
    });
    const kyumin = member(4);
    const authors = await (
      await h.fake.sendAutocomplete({ name: 'link', user: kyumin, options: { name: '' }, focused: 'name' })
    ).firstResponse(WAIT_MS);
    expect(choicesOf(authors).map((c) => c.value)).toEqual(expect.arrayContaining(['김규민', '박지훈', '이서연']));
    const linked = await send({ name: 'link', user: kyumin, options: { name: '김규민' } });
    expect(contentOf(linked)).toContain('**김규민**');
    await send({ name: 'log', subcommand: 'add', user: kyumin, options: { minutes: '45', chapter: '4' } });
    await send({ name: 'rate', user: kyumin, options: { chapter: '4', stars: 4 } });
    await send({ name: 'question', subcommand: 'add', user: kyumin, options: { text: '레이어는 왜?', chapter: '4' } });

    const week = await send({ name: 'week', user: member(5) });
    const text = descOf(week);
    expect(String(embedOf(week).title)).toBe(translate('ko', 'group.week.title', { week: 3, chapters: '4' }));
    const deadline = Math.floor(Date.parse('2027-01-22T14:59:00Z') / 1000);
    expect(text).toContain(`<t:${deadline}:F> (<t:${deadline}:R>)`);
    const line = (name: string) => text.split('\n').find((l) => l.startsWith(`**${name}`)) ?? '';
    expect(line('멤버4')).toBe('**멤버4** — ✅ 노트 1개 (2항목) · ✅ 45분 · ✅ ⭐ 4 · ✅ 질문 1개');
    expect(line('이서연')).toContain('(연결 안 됨)** — ✅ 노트 1개');
    expect(line('박지훈')).toContain('⏳ 노트 없음'); // chapter 5 only; the deadline is ahead
    expect(text).toContain(translate('ko', 'group.week.ready', { ready: 2, total: 3 }));
  });

  it('a presenter set by the meeting side reaches the Discord event at the next scheduler tick', async () => {
    const db = h.bot.app.services.db;
    const meeting = listMeetings(db, h.fake.guild.id).find((m) => m.seq === 3);
    expect(meeting).toBeDefined();
    setPresenter(db, h.fake.guild.id, meeting!.id, { userId: member(4).id, name: '김규민' });
    const before = eventRequests(h).length;
    const done = new Promise<void>((resolve) => (ticked = resolve));
    await timers.advance(60_000);
    await done;
    const sent = eventRequests(h).slice(before);
    expect(sent.map((r) => r.route)).toEqual(['PATCH /guilds/:guild/scheduled-events/:event']);
    expect(String((sent[0]?.body as { description: string }).description)).toContain('발표: 김규민');
    // Nothing changed since: the next tick sends nothing.
    const again = new Promise<void>((resolve) => (ticked = resolve));
    await timers.advance(60_000);
    await again;
    expect(eventRequests(h).length).toBe(before + 1);
  });

  it('a meeting deleted outside Discord (the CLI) loses its event at the next tick', async () => {
    const db = h.bot.app.services.db;
    const meeting = listMeetings(db, h.fake.guild.id).find((m) => m.seq === 3)!;
    expect(events()).toHaveLength(1);
    deleteMeeting(db, h.fake.guild.id, meeting.id);
    const done = new Promise<void>((resolve) => (ticked = resolve));
    await timers.advance(60_000);
    await done;
    expect(eventRequests(h).at(-1)).toMatchObject({
      route: 'DELETE /guilds/:guild/scheduled-events/:event',
      status: 204,
    });
    expect(events()).toEqual([]);
    expect(db.prepare('SELECT count(*) FROM group_event_tombstones').pluck().get()).toBe(0);
  });

  it('an admin links another member; a member may not', async () => {
    const denied = await send({ name: 'link', user: member(6), options: { name: '박지훈', user: member(7).id } });
    expect(contentOf(denied)).toBe(translate('ko', 'error.adminOnly'));
    const ok = await send({
      name: 'link',
      user: member(1),
      memberPermissions: ADMIN,
      options: { name: '박지훈', user: member(7).id },
    });
    expect(contentOf(ok)).toContain('**박지훈**');
  });
});

describe('schedule without Manage Events', () => {
  let h: BotHarness;
  const send = sender(() => h);
  beforeAll(async () => {
    h = await startBotAgainstFake({ notes: NOTES });
  });
  afterAll(async () => h?.close());

  it('saves the meeting, says once that events need Manage Events, and logs it once', async () => {
    const set = (week: number) =>
      send({
        name: 'schedule',
        subcommand: 'set',
        user: member(1),
        memberPermissions: ADMIN,
        options: { week, date: '2027-01-09', time: '14:00', chapters: '4' },
      });
    const first = await set(1);
    expect(contentOf(first)).toContain(translate('ko', 'group.events.denied'));
    expect(eventRequests(h).map((r) => `${r.status} ${(r.response as { code?: number }).code}`)).toEqual(['403 50013']);
    const second = await set(2);
    expect(contentOf(second)).not.toContain('⚠️');
    expect(listMeetings(h.bot.app.services.db, h.fake.guild.id).map((m) => m.seq)).toEqual([1, 2]);
    expect(h.logger.lines.filter((l) => l.msg?.includes('Manage Events'))).toHaveLength(1);
    expect(h.fake.scheduledEvents.list(h.fake.guild.id)).toEqual([]);
  });
});
