/**
 * The group's week on notes from the group's git repository (issue 13): the bot clones a real bare repository,
 * /week counts each member's pushed notes for the meeting's chapters, a member who pushes after the board was
 * read shows up at the next /notes sync, and the time the notes arrived (the commit that added the file) is what
 * the fine ledger judges lateness by. Real git, real SQLite, the real bot on the fake Discord.
 */
import { rmSync } from 'node:fs';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { nextMeeting } from '../../src/group/schedule.js';
import { weekBoard } from '../../src/group/week.js';
import type { BotHarness } from '../support/bot.js';
import { chapterNote, gitOrSkip, KIM, LEE, requireGit, startBotOnUpstream, Upstream } from '../repo/support.js';
import { ADMIN, descOf, member, sender } from './support.js';

const git = gitOrSkip();

const KIM_FILE = 'docker-book/김규민/[Chapter4] 도커 기초.md';
const LEE_FILE = 'docker-book/이서연/[Chapter 4] 도커 기초.md';

describe.skipIf(git.skip)('/week on the group repository', () => {
  let up: Upstream;
  let h: BotHarness;
  let dir: string;
  const send = sender(() => h);
  const admin = member(1);
  const lineOf = (text: string, name: string) => text.split('\n').find((l) => l.startsWith(`**${name}`)) ?? '';

  beforeAll(async () => {
    requireGit(git);
    up = Upstream.make();
    up.commit(KIM, 'kim: 4장 정리', {
      [KIM_FILE]: chapterNote('도커 기초', { '도커 이미지': '이미지는 컨테이너를 만드는 읽기 전용 템플릿이다.' }),
    });
    ({ h, dir } = await startBotOnUpstream(up, 'studybot-git-week-'));
    await send({
      name: 'schedule',
      subcommand: 'set',
      user: admin,
      memberPermissions: ADMIN,
      options: { week: 1, date: '2099-01-09', time: '14:00', chapters: '4' },
    });
  }, 60_000);

  afterAll(async () => {
    await h?.close();
    up?.remove();
    if (dir) rmSync(dir, { recursive: true, force: true });
  });

  it('counts the notes each member pushed, and a later push after /notes sync', async () => {
    const before = descOf(await send({ name: 'week', user: member(2) }));
    expect(lineOf(before, '김규민')).toContain('✅ 노트 1개');
    expect(lineOf(before, '이서연')).toBe('');

    up.commit(LEE, 'lee: 4장 정리', {
      [LEE_FILE]: chapterNote('도커 기초', { '도커 네트워크': '브리지 네트워크는 컨테이너끼리 통신하게 해 준다.' }),
    });
    // Pushed, not yet pulled: the board is the clone's.
    expect(lineOf(descOf(await send({ name: 'week', user: member(2) })), '이서연')).toBe('');
    await send({ name: 'notes', subcommand: 'sync', user: admin, memberPermissions: ADMIN });
    const after = descOf(await send({ name: 'week', user: member(2) }));
    expect(lineOf(after, '김규민')).toContain('✅ 노트 1개');
    expect(lineOf(after, '이서연')).toContain('✅ 노트 1개');
  });

  it('dates each member’s notes by the commit that added them', () => {
    const { db, notes, repo, clock } = h.bot.app.services;
    const meeting = nextMeeting(db, h.fake.guild.id, clock.now());
    expect(meeting).not.toBeNull();
    const board = weekBoard({ db, notes: notes.index, files: repo?.files() }, h.fake.guild.id, meeting!);
    const at = (name: string) => board.members.find((m) => m.name === name)?.firstNoteAt;
    const added = (file: string) =>
      Number(up.git(up.work, 'log', '--diff-filter=A', '--format=%at', '--', file).trim()) * 1000;
    expect(at('김규민')).toBe(added(KIM_FILE));
    expect(at('이서연')).toBe(added(LEE_FILE));
    expect(at('이서연')!).toBeGreaterThan(at('김규민')!);
  });
});
