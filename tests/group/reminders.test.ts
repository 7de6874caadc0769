/**
 * Note reminders through the real bot and the fake Discord, driven by an injected clock and timers: 24 h and 2 h
 * before the deadline a post in the guild's reminder channel names only the members still missing notes (a
 * mention only for those who opted in, `allowed_mentions` naming just them) and a DM goes to those who chose DMs;
 * each reminder goes out once, and nothing goes after the deadline or to a guild that set no channel.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import type { Json, RecordedRequest } from '../support/fake-discord.js';
import { manualTimers } from '../quiz/support.js';
import { ADMIN, contentOf, member, sender } from './support.js';

const NOTE = '# 도커 기초\n\n## 이미지\n\n이미지는 레이어로 이루어져요.\n';
const DEADLINE = Date.parse('2027-01-08T14:59:00Z'); // 23:59 KST the day before a 14:00 KST meeting
const MINUTE = 60_000;
const HOUR = 60 * MINUTE;

describe('note-deadline reminders', () => {
  const clock = manualClock(DEADLINE - 30 * HOUR);
  const timers = manualTimers(clock);
  let ticked: (() => void) | null = null;
  let h: BotHarness;
  const send = sender(() => h);
  const [writer, dmMember, quiet] = [member(1), member(2), member(3)];

  beforeAll(async () => {
    h = await startBotAgainstFake({
      notes: {
        'book/김규민/[Chapter4] 도커 기초.md': NOTE,
        'book/이서연/[Chapter4] 도커 기초.md': NOTE,
        'book/박지훈/[Chapter5] 볼륨.md': NOTE,
      },
      fake: { guilds: [{ channels: ['general', 'reminders'] }] },
      bot: { clock, groupScheduler: { timers, onTick: () => ticked?.() } },
    });
    const channel = h.fake.guild.channels[1]?.id as string;
    const admin = { user: member(9), memberPermissions: ADMIN };
    await send({
      name: 'schedule',
      subcommand: 'set',
      ...admin,
      options: { week: 1, date: '2027-01-09', time: '14:00', chapters: '4' },
    });
    await send({ name: 'schedule', subcommand: 'channel', ...admin, options: { channel: `<#${channel}>` } });
    await send({ name: 'link', user: writer, options: { name: '김규민' } });
    for (const m of [dmMember, quiet])
      await send({ name: 'log', subcommand: 'add', user: m, options: { minutes: '30', chapter: '4' } });
    const opted = await send({
      name: 'schedule',
      subcommand: 'notify',
      user: dmMember,
      options: { dm: true, mention: true },
    });
    expect(contentOf(opted)).toContain('DM: 예');
  });
  afterAll(async () => h?.close());

  /** Moves the clock to `at` and waits until the scheduler's tick there has finished; returns the requests it made. */
  async function tickAt(at: number): Promise<RecordedRequest[]> {
    const before = h.fake.requests.length;
    const done = new Promise<void>((resolve) => (ticked = resolve));
    // Straight to `at`, then fire the scheduler's one pending timer there (it is due: it was set a minute after the
    // previous tick), so the tick runs at exactly `at`.
    clock.set(at);
    await timers.advance(0);
    await done;
    return h.fake.requests.slice(before).filter((r) => r.method === 'POST');
  }
  const posts = (rs: RecordedRequest[]) => rs.filter((r) => r.route === 'POST /channels/:channel/messages');
  const reminderChannel = () => h.fake.guild.channels[1]?.id;

  it('posts nothing before the 24 h mark', async () => {
    expect(posts(await tickAt(DEADLINE - 25 * HOUR))).toEqual([]);
  });

  it('24 h before: names only the members missing notes, mentions only who opted in, DMs who chose DMs', async () => {
    const rs = await tickAt(DEADLINE - 24 * HOUR + MINUTE);
    const channelPosts = posts(rs).filter((r) => r.path === `/channels/${reminderChannel()}/messages`);
    expect(channelPosts).toHaveLength(1);
    const body = channelPosts[0]?.body as Json;
    const content = String(body.content);
    expect(content).toContain('하루 남았어요');
    expect(content).toContain(`<@${dmMember.id}>`);
    expect(content).toContain('멤버3');
    expect(content).not.toContain(`<@${quiet.id}>`);
    expect(content).toContain('박지훈'); // an unlinked author without notes for chapter 4
    expect(content).not.toContain('김규민');
    expect(content).not.toContain('이서연');
    expect(body.allowed_mentions).toEqual({ parse: [], users: [dmMember.id] });
    const deadline = Math.floor(DEADLINE / 1000);
    expect(content).toContain(`<t:${deadline}:F>`);

    const dmChannels = rs.filter((r) => r.route === 'POST /users/@me/channels');
    expect(dmChannels.map((r) => (r.body as Json).recipient_id)).toEqual([dmMember.id]);
    const dm = posts(rs).filter((r) => r.path !== `/channels/${reminderChannel()}/messages`);
    expect(dm).toHaveLength(1);
    expect(String((dm[0]?.body as Json).content)).toContain('1주차');
  });

  it('sends each reminder once: the next ticks send nothing until the 2 h mark', async () => {
    expect(posts(await tickAt(DEADLINE - 23 * HOUR))).toEqual([]);
    expect(posts(await tickAt(DEADLINE - 3 * HOUR))).toEqual([]);
  });

  it('2 h before: the 2 h post and DM, once; after the deadline nothing', async () => {
    const rs = await tickAt(DEADLINE - 2 * HOUR);
    expect(posts(rs)).toHaveLength(2);
    expect(posts(rs).some((r) => String((r.body as Json).content).includes('2시간'))).toBe(true);
    expect(posts(await tickAt(DEADLINE - HOUR))).toEqual([]);
    expect(posts(await tickAt(DEADLINE + HOUR))).toEqual([]);
    const sent = h.bot.app.services.db
      .prepare('SELECT kind, target FROM group_reminders_sent ORDER BY kind, target')
      .all() as { kind: string; target: string }[];
    expect(sent).toEqual([
      { kind: '24h', target: dmMember.id },
      { kind: '24h', target: 'channel' },
      { kind: '2h', target: dmMember.id },
      { kind: '2h', target: 'channel' },
    ]);
  });
});
