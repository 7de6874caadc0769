/**
 * The meeting through the real bot (startBot) and the fake Discord: /presenter pick, /meeting pack posted to the
 * channel with its buttons, the quiz button really opening a 5-question quiz on the week's chapter, "참석" redrawing
 * the pack, and /meeting notes attaching the retrospective. Real SQLite, real notes files, the rules from a real file.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { setLink } from '../../src/group/links.js';
import { saveMeeting, type Meeting } from '../../src/group/schedule.js';
import { defaultDeadline } from '../../src/group/time.js';
import { translator } from '../../src/i18n/index.js';
import type { Question } from '../../src/quiz/types.js';
import { rememberMember } from '../../src/study/store.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import { customIds, embedOf, isEphemeral, messageWith, type Json } from '../quiz/e2e-support.js';
import { BOOK_KEY, meetingStart, MEMBERS, noteFile, TZ } from './support.js';

const ko = translator('ko');
const HOUR = 3_600_000;
const users = MEMBERS.map((m) => ({ id: m.id, username: m.name, globalName: m.name }));
const ADMIN_PERMISSIONS = String(1 << 5); // Manage Guild

/** The group's 총무 role (rules.yaml `treasurer_role`). */
const TREASURER_ROLE = '990000000000000001';

let h: BotHarness;
let rulesDir: string;
let meeting: Meeting;
const clock = manualClock(meetingStart(1) - 3 * HOUR);

beforeAll(async () => {
  rulesDir = mkdtempSync(path.join(tmpdir(), 'meeting-rules-'));
  const rulesPath = path.join(rulesDir, 'rules.yaml');
  writeFileSync(
    rulesPath,
    `enabled: true\nattendance: true\ntreasurer_role: '${TREASURER_ROLE}'\nfines:\n  late_notes:\n    amount: 5000\n`,
  );
  const notes: Record<string, string> = {};
  for (const m of MEMBERS.slice(0, 4)) {
    for (const chapter of [1, 2]) {
      const { file, text } = noteFile(m.name, chapter);
      notes[file] = text;
    }
  }
  // No quiz bank: questions come from the notes only, so each one names the file it was made from.
  h = await startBotAgainstFake({
    notes,
    env: { RULES_PATH: rulesPath, QUIZ_DIR: rulesDir, STUDY_TIMEZONE: TZ },
    bot: { clock },
    fake: { guilds: [{ roles: [{ id: TREASURER_ROLE, name: '총무' }] }] },
  });
  const db = h.bot.app.services.db;
  const guildId = h.fake.guild.id;
  for (const m of MEMBERS) {
    setLink(db, guildId, m.id, m.name, m.id, clock.now());
    rememberMember(db, guildId, m.id, m.name, clock.now());
  }
  const startsAt = meetingStart(1);
  meeting = saveMeeting(
    db,
    guildId,
    {
      book: BOOK_KEY,
      seq: 1,
      startsAt,
      deadlineAt: defaultDeadline(startsAt, TZ),
      chapters: [1],
      presenter: null,
      place: null,
      voiceChannelId: null,
    },
    'set',
    clock.now(),
  );
});

afterAll(async () => {
  await h?.close();
  rmSync(rulesDir, { recursive: true, force: true });
});

describe('the meeting through the fake Discord', () => {
  it('picks the presenter with the seed shown', async () => {
    const ix = await h.fake.sendCommand({
      name: 'presenter',
      subcommand: 'pick',
      options: { seed: 'e2e' },
      user: users[0],
    });
    const reply = await ix.waitForReply();
    const embed = embedOf(reply.message);
    expect(String(embed.title)).toMatch(/^🎤 1주차 발표자: (가영|나래|다은|라희)$/);
    expect(String(embed.description)).toBe(ko('meeting.pick.tie', { n: 4, seed: 'e2e' }));
    expect(h.fake.violations).toEqual([]);
  });

  let pack: Json;

  it('posts the pack to the channel with the quiz and 참석 buttons', async () => {
    const ix = await h.fake.sendCommand({ name: 'meeting', subcommand: 'pack', user: users[1] });
    const reply = await ix.waitForReply();
    expect(isEphemeral(reply)).toBe(false);
    pack = reply.message!;
    expect(embedOf(pack).title).toBe(ko('meeting.pack.title', { week: 1 }));
    expect(customIds(pack)).toEqual([`v1:meeting.quiz:${meeting.id}`, `v1:meeting.attend:${meeting.id}`]);
    expect(h.fake.violations).toEqual([]);
  });

  it('starts a real 5-question quiz on the week’s chapter from the pack’s button', async () => {
    const ix = await h.fake.clickButton({ customId: `v1:meeting.quiz:${meeting.id}`, user: users[2], message: pack });
    const reply = await ix.waitForReply();
    // The bundled book gives chapter 1 no title, so the quiz keeps to the notes' "Chapter 1: …" headings.
    expect(reply.content).toBe(ko('meeting.quiz.started', { topic: 'Chapter 1' }));
    expect(isEphemeral(reply)).toBe(true);
    const lobby = messageWith(h.fake, 'v1:quiz.join:');
    expect(lobby).toBeDefined();
    const quizId = Number(customIds(lobby)[0]?.split(':')[2]);
    const run = h.bot.app.services.db
      .prepare('SELECT host_id, topic, status, questions_json FROM quiz_runs WHERE id = ?')
      .get(quizId) as { host_id: string; topic: string; status: string; questions_json: string };
    expect(run).toMatchObject({ host_id: users[2]!.id, topic: 'Chapter 1', status: 'lobby' });
    const questions = JSON.parse(run.questions_json) as Question[];
    expect(questions).toHaveLength(5);
    for (const q of questions) expect(q.source.file).toContain('[Chapter1]');
    // The quiz is the quiz manager's: /quiz stop ends it like any other.
    const stop = await h.fake.sendCommand({ name: 'quiz', subcommand: 'stop', user: users[2] });
    expect((await stop.waitForReply()).content).toBe(ko('quiz.stopped'));
    expect(h.fake.violations).toEqual([]);
  });

  it('records 참석 and redraws the pack with the member', async () => {
    clock.set(meetingStart(1) + HOUR / 2);
    const ix = await h.fake.clickButton({ customId: `v1:meeting.attend:${meeting.id}`, user: users[3], message: pack });
    const reply = await ix.waitForReply();
    expect(reply.callbackType).toBe(7);
    const fields = (embedOf(reply.message).fields as Json[]).map((f) => `${f.name}\n${f.value}`).join('\n');
    expect(fields).toContain(`${ko('meeting.pack.attendance', { n: 1 })}\n라희`);
    expect(h.fake.violations).toEqual([]);
  });

  it('attaches the retrospective after the meeting', async () => {
    clock.set(meetingStart(1) + 4 * HOUR);
    const ix = await h.fake.sendCommand({ name: 'meeting', subcommand: 'notes', user: users[0] });
    const reply = await ix.waitForReply();
    expect(reply.content).toBe(ko('meeting.notes.done', { week: 1, path: '회고/2026-12-01-1주차.md' }));
    const file = reply.files[0];
    expect(file?.name).toBe('2026-12-01-1주차.md');
    const md = file!.data.toString('utf8');
    expect(md).toContain('- [x] 라희');
    expect(md).toContain('- [ ] 마루 (불참)');
    expect(md).toContain('- 마루: 노트 늦음 ₩5,000');
    const fines = await h.fake.sendCommand({ name: 'fines', subcommand: 'show', user: users[0] });
    const ledger = embedOf((await fines.waitForReply()).message);
    expect(String(ledger.description)).toContain('마루 — 벌금 ₩5,000 · 납부 ₩0 · 잔액 **₩5,000**');
    expect(h.fake.violations).toEqual([]);
    expect(ADMIN_PERMISSIONS).toBe('32');
  });

  it('lets a member with the 총무 role record a payment, and refuses one without it', async () => {
    const pay = (roles: string[]) =>
      h.fake.sendCommand({
        name: 'fines',
        subcommand: 'paid',
        user: users[1],
        memberRoles: roles,
        options: { user: users[4]!.id, amount: 5000 },
      });
    const refused = await (await pay([])).waitForReply();
    expect(JSON.stringify(refused.message)).toContain(ko('meeting.error.notTreasurer'));
    await (await pay([TREASURER_ROLE])).waitForReply();
    const fines = await h.fake.sendCommand({ name: 'fines', subcommand: 'show', user: users[0] });
    const ledger = embedOf((await fines.waitForReply()).message);
    expect(String(ledger.description)).toContain('— 벌금 ₩5,000 · 납부 ₩5,000 · 잔액 **₩0**');
    expect(String((ledger.footer as Json | undefined)?.text)).toContain(`<@&${TREASURER_ROLE}>`);
    expect(h.fake.violations).toEqual([]);
  });
});
