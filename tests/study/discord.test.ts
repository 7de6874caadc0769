/**
 * End to end: the study commands through the real bot (startBot, what `npm start` runs) and an unmodified discord.js
 * Client against the fake Discord, on a real SQLite file and the shipped data/book.yaml. The bot's clock is a manual
 * one fixed on Thursday 2025-03-20 21:00 KST, so days, weeks and months are known. Every answer is checked by the fake
 * against Discord's server-side rules (`fake.violations` must stay empty).
 */
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import type { CommandInvocation, FakeInteraction, InteractionResponse } from '../support/fake-discord.js';
import { MEMBER_PERMISSIONS } from '../support/fake-discord-payloads.js';
import { kst } from './support.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EPHEMERAL = 64;
/** Generous for a loaded 2-core machine: PNG rendering and SQLite on a busy disk. */
const WAIT_MS = 15_000;
const PNG_MAGIC = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
const ADMIN_PERMISSIONS = (BigInt(MEMBER_PERMISSIONS) | 32n).toString(); // + Manage Guild

const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const fieldsOf = (r: InteractionResponse): Map<string, string> =>
  new Map(((embedOf(r).fields as Json[] | undefined) ?? []).map((f) => [String(f.name), String(f.value)]));
const buttonsOf = (r: InteractionResponse): Json[] =>
  ((r.message?.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
const isEphemeral = (r: InteractionResponse) => (((r.message?.flags as number | undefined) ?? 0) & EPHEMERAL) !== 0;
const choicesOf = (r: InteractionResponse) =>
  ((r.data.choices as Json[] | undefined) ?? []) as { name: string; value: string }[];
const attachmentNames = (r: InteractionResponse) =>
  ((r.message?.attachments as Json[] | undefined) ?? []).map((a) => String(a.filename));
const ko = translator('ko');
const en = translator('en');

/** Discord user ids are snowflakes; each scenario uses its own member so the scenarios stay independent. */
const member = (n: number) => ({ id: `50000000000000000${n}`, username: `reader${n}`, globalName: `reader${n}` });

const reply = (ix: FakeInteraction) => ix.waitForReply(undefined, WAIT_MS);

describe('the study commands through the fake Discord', () => {
  const clock = manualClock(kst(2025, 3, 20, 21, 0)); // a Thursday: week 03-17 … 03-23
  const today = '2025-03-20';
  const backupDir = mkdtempSync(path.join(tmpdir(), 'studybot-backups-'));
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotAgainstFake({ env: { BACKUP_DIR: backupDir }, bot: { clock, deferAfterMs: 2000 } });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(backupDir, { recursive: true, force: true });
  });

  const send = async (invocation: CommandInvocation) => reply(await h.fake.sendCommand(invocation));
  const click = async (button: Json | undefined, message: Json | undefined, user = member(0)) => {
    expect(button, 'button').toBeDefined();
    return reply(await h.fake.clickButton({ customId: String(button?.custom_id), message, user }));
  };
  const logAdd = (user: ReturnType<typeof member>, options: Record<string, string>, locale?: string) =>
    send({ name: 'log', subcommand: 'add', options, user, ...(locale ? { locale } : {}) });

  it('autocompletes chapters from book.yaml by choseong, within 25 choices', async () => {
    const ix = await h.fake.sendAutocomplete({
      name: 'log',
      subcommand: 'add',
      options: { minutes: '1시간 20분', chapter: 'ㄷㅋ' },
      focused: 'chapter',
    });
    const res = await ix.firstResponse(WAIT_MS);
    expect(res.ok).toBe(true);
    expect(res.callbackType).toBe(8);
    const choices = choicesOf(res);
    expect(choices.length).toBeLessThanOrEqual(25);
    // The shipped book's chapters whose titles start with 도커 (ㄷㅋ).
    expect(choices.map((c) => c.value)).toEqual(['2', '4']);
    expect(choices[0]).toEqual({ name: '2. 도커의 개념', value: '2' });

    const all = await h.fake.sendAutocomplete({ name: 'rate', options: { chapter: '' }, focused: 'chapter' });
    expect(choicesOf(await all.firstResponse(WAIT_MS))).toHaveLength(12);
  });

  it('/log add takes "1시간 20분" and a picked chapter, and shows the chapter and day totals', async () => {
    const user = member(1);
    const picked = await h.fake.sendAutocomplete({
      name: 'log',
      subcommand: 'add',
      options: { minutes: '1시간 20분', chapter: 'ㅋㅂㄴㅌㅅ ㄱㅊ' },
      focused: 'chapter',
      user,
    });
    const [choice] = choicesOf(await picked.firstResponse(WAIT_MS));
    expect(choice).toEqual({ name: '9. 쿠버네티스 기초', value: '9' });

    const first = await logAdd(user, { minutes: '1시간 20분', chapter: choice!.value });
    expect(isEphemeral(first)).toBe(false);
    expect(embedOf(first).title).toBe(ko('study.log.added.title'));
    expect(embedOf(first).description).toBe(
      ko('study.log.added', {
        name: 'reader1',
        chapter: ko('study.chapter', { n: 9, title: '쿠버네티스 기초' }),
        time: '1시간 20분',
        date: today,
      }),
    );
    expect(fieldsOf(first).get(ko('study.log.chapterTotal'))).toBe('1시간 20분');
    expect(fieldsOf(first).get(ko('study.log.dayTotal', { date: today }))).toBe('1시간 20분');

    const second = await logAdd(user, { minutes: '45', chapter: '9' });
    expect(fieldsOf(second).get(ko('study.log.chapterTotal'))).toBe('2시간 5분');
    expect(fieldsOf(second).get(ko('study.log.dayTotal', { date: today }))).toBe('2시간 5분');

    const other = await logAdd(user, { minutes: '1:00', chapter: '5', memo: '라이프 사이클 그림' });
    expect(fieldsOf(other).get(ko('study.log.chapterTotal'))).toBe('1시간');
    expect(fieldsOf(other).get(ko('study.log.dayTotal', { date: today }))).toBe('3시간 5분');
    expect(fieldsOf(other).get(ko('study.log.memo'))).toBe('라이프 사이클 그림');

    const yesterday = await logAdd(user, { minutes: '30분', chapter: '5', date: '어제' });
    expect(fieldsOf(yesterday).get(ko('study.log.chapterTotal'))).toBe('1시간 30분');
    expect(fieldsOf(yesterday).get(ko('study.log.dayTotal', { date: '2025-03-19' }))).toBe('30분');
  });

  it('/log add refuses a zero duration privately and records nothing', async () => {
    const user = member(2);
    const r = await logAdd(user, { minutes: '0', chapter: '1' });
    expect(isEphemeral(r)).toBe(true);
    expect(r.content).toBe(ko('study.error.duration.zero', { input: '0' }));
    const list = await send({ name: 'log', subcommand: 'list', user });
    expect(list.content).toBe(ko('study.log.listEmpty'));
  });

  it('/log undo removes only the last entry', async () => {
    const user = member(3);
    await logAdd(user, { minutes: '20', chapter: '1' });
    await logAdd(user, { minutes: '40', chapter: '2' });
    const undo = await send({ name: 'log', subcommand: 'undo', user });
    expect(isEphemeral(undo)).toBe(true);
    expect(undo.content).toBe(
      ko('study.log.undone', {
        date: today,
        chapter: ko('study.chapter', { n: 2, title: '도커의 개념' }),
        time: '40분',
      }),
    );
    // The day total now counts the remaining entry only.
    const again = await logAdd(user, { minutes: '5', chapter: '1' });
    expect(fieldsOf(again).get(ko('study.log.dayTotal', { date: today }))).toBe('25분');
  });

  it('/log list shows entries with delete buttons; a click deletes one and edits the list in place', async () => {
    const user = member(4);
    await logAdd(user, { minutes: '10', chapter: '1', date: '2025-03-18' });
    await logAdd(user, { minutes: '20', chapter: '2', date: '2025-03-19' });
    await logAdd(user, { minutes: '30', chapter: '3' });

    const list = await send({ name: 'log', subcommand: 'list', user });
    expect(isEphemeral(list)).toBe(true);
    expect(embedOf(list).title).toBe(ko('study.log.listTitle', { total: 3 }));
    const lines = String(embedOf(list).description).split('\n');
    expect(lines).toHaveLength(3);
    const deletes = buttonsOf(list);
    expect(deletes.map((b) => b.label)).toEqual([1, 2, 3].map((n) => ko('study.log.delete', { n })));
    expect(deletes.every((b) => b.style === 4)).toBe(true); // danger

    // Delete the entry shown on the line of 2025-03-19 (20 minutes).
    const index = lines.findIndex((l) => l.includes('2025-03-19'));
    expect(index).toBeGreaterThanOrEqual(0);
    const edited = await click(deletes[index], list.message, user);
    expect(edited.callbackType).toBe(7);
    expect(edited.message?.id).toBe(list.message?.id);
    expect(edited.content).toBe(
      ko('study.log.deleted', {
        date: '2025-03-19',
        chapter: ko('study.chapter', { n: 2, title: '도커의 개념' }),
        time: '20분',
      }),
    );
    expect(embedOf(edited).title).toBe(ko('study.log.listTitle', { total: 2 }));
    expect(String(embedOf(edited).description)).not.toContain('2025-03-19');
    expect(buttonsOf(edited)).toHaveLength(2);
  });

  it('/rate records stars and shows the change 3★ → 4★ on re-rating', async () => {
    const user = member(5);
    const first = await send({
      name: 'rate',
      options: { chapter: '3', stars: 3, hard_part: '레이어 구조', why: '유니온 파일 시스템이 생소함' },
      user,
    });
    // Chapter 3 has no title of its own in the shipped book ("3장"): it reads "3장", not "3장 3장".
    const title = ko('study.rate.title', { chapter: ko('study.chapterNumber', { n: 3 }) });
    expect(embedOf(first).title).toBe(title);
    expect(String(embedOf(first).description)).toContain('⭐⭐⭐☆☆ (3/5)');
    expect(fieldsOf(first).get(ko('study.rate.change'))).toBe(ko('study.rate.first'));
    expect(fieldsOf(first).get(ko('study.rate.hardPart'))).toBe('레이어 구조');
    expect(fieldsOf(first).get(ko('study.rate.why'))).toBe('유니온 파일 시스템이 생소함');

    const again = await send({ name: 'rate', options: { chapter: '3', stars: 4, insight: '이미지는 스냅샷' }, user });
    expect(String(embedOf(again).description)).toContain('⭐⭐⭐⭐☆ (4/5)');
    expect(fieldsOf(again).get(ko('study.rate.change'))).toBe('3★ → 4★');
    expect(fieldsOf(again).get(ko('study.rate.insight'))).toBe('이미지는 스냅샷');
  });

  it('/question add, list and done keep the shared queue', async () => {
    const user = member(6);
    const a = await send({
      name: 'question',
      subcommand: 'add',
      options: { text: 'Paused 상태에서도 메모리를 쓰나요?', chapter: '5' },
      user,
    });
    const b = await send({ name: 'question', subcommand: 'add', options: { text: '레지스트리 인증은 어떻게?' }, user });
    const idOf = (r: InteractionResponse) => Number(/#(\d+)/.exec(String(embedOf(r).title))?.[1]);
    const [idA, idB] = [idOf(a), idOf(b)];
    expect(embedOf(a).title).toBe(ko('study.question.added', { id: idA }));
    expect(String(embedOf(a).description)).toContain(ko('study.chapterNumber', { n: 5 }));

    const list = await send({ name: 'question', subcommand: 'list', user: member(7) });
    const text = String(embedOf(list).description);
    expect(text).toContain(`**#${idA}** Paused 상태에서도 메모리를 쓰나요? — reader6`);
    expect(text).toContain(`**#${idB}** 레지스트리 인증은 어떻게? — reader6`);

    const done = await send({ name: 'question', subcommand: 'done', options: { id: `#${idB}` }, user });
    expect(done.content).toBe(ko('study.question.doneOk', { id: idB, text: '레지스트리 인증은 어떻게?' }));
    const after = await send({ name: 'question', subcommand: 'list', user });
    expect(String(embedOf(after).description)).toContain(`#${idA}`);
    expect(String(embedOf(after).description)).not.toContain(`#${idB}`);
  });

  it('/progress answers with the embed and progress.png attached as a real PNG', async () => {
    const user = member(1); // logged 9 → 2 h 5 min, 5 → 1 h 30 min (30 min yesterday)
    await send({ name: 'rate', options: { chapter: '9', stars: 2 }, user });
    const ix = await h.fake.sendCommand({ name: 'progress', user });
    const r = await reply(ix);
    expect((await ix.firstResponse()).callbackType).toBe(5); // deferred: the chart takes a moment
    expect(embedOf(r).title).toBe(ko('study.progress.title', { name: 'reader1' }));
    const fields = fieldsOf(r);
    expect(fields.get(ko('study.progress.total'))).toBe('3시간 35분');
    expect(fields.get(ko('study.progress.streak'))).toBe(ko('study.progress.streakValue', { current: 2, longest: 2 }));
    const chapters = String(fields.get(ko('study.progress.chapters')));
    expect(chapters).toContain('— **2시간 5분** · ⭐⭐☆☆☆ (2/5)');
    expect(chapters).toContain('— **1시간 30분**');

    expect(embedOf(r).image?.url).toBe('attachment://progress.png');
    expect(attachmentNames(r)).toEqual(['progress.png']);
    expect(r.files.map((f) => f.name)).toEqual(['progress.png']);
    const png = r.files[0]!.data;
    expect(png.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    expect(png.length).toBeGreaterThan(1000);
  });

  it('/group shows the board; week / month / all buttons edit the same message (callback 7)', async () => {
    const boarder = member(8); // reads only outside this week: 50 min this month, 2 h more in January
    await logAdd(boarder, { minutes: '50', chapter: '1', date: '2025-03-05' });
    await logAdd(boarder, { minutes: '2h', chapter: '2', date: '2025-01-10' });
    const leaderLine = (r: InteractionResponse) =>
      String(fieldsOf(r).get(ko('study.group.leaderboard')))
        .split('\n')
        .find((l) => l.includes('reader8'));

    const ix = await h.fake.sendCommand({ name: 'group', user: member(9) });
    const week = await reply(ix);
    expect(embedOf(week).title).toBe(ko('study.group.title', { period: ko('study.group.week') }));
    expect(String(embedOf(week).description)).toContain('(2025-03-17 ~ 2025-03-20)');
    expect(leaderLine(week)).toBeUndefined();
    expect(String(fieldsOf(week).get(ko('study.group.leaderboard')))).toContain('reader1 — **3시간 35분**');
    expect(embedOf(week).image?.url).toBe('attachment://group.png');
    expect(attachmentNames(week)).toEqual(['group.png']);
    expect(week.files[0]!.data.subarray(0, 8).equals(PNG_MAGIC)).toBe(true);
    const labels = buttonsOf(week).map((b) => [b.label, Boolean(b.disabled)]);
    expect(labels).toEqual([
      [ko('study.group.week'), true],
      [ko('study.group.month'), false],
      [ko('study.group.all'), false],
    ]);

    const month = await click(buttonsOf(week)[1], week.message);
    expect(month.callbackType).toBe(7);
    expect(month.message?.id).toBe(week.message?.id);
    expect(embedOf(month).title).toBe(ko('study.group.title', { period: ko('study.group.month') }));
    expect(leaderLine(month)).toContain('**50분**');
    expect(attachmentNames(month)).toEqual(['group.png']);

    const all = await click(buttonsOf(month)[2], month.message);
    expect(all.callbackType).toBe(7);
    expect(all.message?.id).toBe(week.message?.id);
    expect(embedOf(all).title).toBe(ko('study.group.title', { period: ko('study.group.all') }));
    expect(leaderLine(all)).toContain('**2시간 50분**');
    expect(buttonsOf(all).map((b) => Boolean(b.disabled))).toEqual([false, false, true]);
  });

  it('/template export attaches the filled template; import previews, Cancel records nothing, Confirm records', async () => {
    const author = member(5); // rated chapter 3 (3★ → 4★)
    await logAdd(author, { minutes: '1시간 10분', chapter: '3' });
    await send({
      name: 'question',
      subcommand: 'add',
      options: { text: '레이어 캐시는 언제 깨지나요?', chapter: '3' },
      user: author,
    });

    const exported = await send({ name: 'template', subcommand: 'export', user: author });
    expect(exported.content).toBe(ko('study.template.exported', { name: 'reader5' }));
    const name = `study-template-${author.id}.md`;
    expect(attachmentNames(exported)).toEqual([name]);
    const markdown = exported.files[0]!.data.toString('utf8');
    expect(markdown).toContain('## ⏳ 독서 과정 기록\n- **총 독서 시간**: 1시간 10분');
    expect(markdown).toContain('  - Chapter 3: ⭐⭐⭐⭐☆ (4/5)');
    expect(markdown).toContain('- [ ] Chapter 3: 레이어 캐시는 언제 깨지나요?');

    const importer = member(0);
    const upload = { name: 'my-notes.md', data: markdown, contentType: 'text/markdown' };
    const importCommand = { name: 'template', subcommand: 'import', options: { file: upload }, user: importer };

    const preview = await send(importCommand);
    expect(isEphemeral(preview)).toBe(true);
    expect(embedOf(preview).title).toBe(ko('study.template.confirmTitle', { file: 'my-notes.md' }));
    expect(fieldsOf(preview).get(ko('study.template.planTimes'))).toContain('+1시간 10분');
    expect(fieldsOf(preview).get(ko('study.template.planRatings'))).toContain('⭐⭐⭐⭐☆ (4/5)');
    expect(fieldsOf(preview).get(ko('study.template.planQuestions'))).toContain('☐ 레이어 캐시는 언제 깨지나요?');
    const [confirm, cancel] = buttonsOf(preview);
    expect([confirm?.label, cancel?.label]).toEqual([ko('common.confirm'), ko('common.cancel')]);

    const cancelled = await click(cancel, preview.message, importer);
    expect(cancelled.callbackType).toBe(7);
    expect(cancelled.content).toBe(ko('study.template.cancelled'));
    expect(buttonsOf(cancelled)).toEqual([]);
    const nothing = await send({ name: 'progress', user: importer });
    expect(fieldsOf(nothing).get(ko('study.progress.total'))).toBe('0분');
    expect(embedOf(nothing).description).toBe(ko('study.progress.empty'));

    const again = await send(importCommand);
    const confirmed = await click(buttonsOf(again)[0], again.message, importer);
    expect(confirmed.callbackType).toBe(7);
    expect(confirmed.content).toBe(
      ko('study.template.imported', { entries: 1, time: '1시간 10분', ratings: 1, questions: 1 }),
    );
    const recorded = await send({ name: 'progress', user: importer });
    expect(fieldsOf(recorded).get(ko('study.progress.total'))).toBe('1시간 10분');
    expect(String(fieldsOf(recorded).get(ko('study.progress.chapters')))).toContain(
      '— **1시간 10분** · ⭐⭐⭐⭐☆ (4/5)',
    );

    // Export → import → export: the same records (only the header names another member).
    const reexported = await send({ name: 'template', subcommand: 'export', user: importer });
    const text = reexported.files[0]!.data.toString('utf8');
    expect(text.replace(' · reader0 · ', ' · reader5 · ')).toBe(markdown);
  });

  it('/backup is refused to a non-admin and writes an SQLite backup into BACKUP_DIR for an admin', async () => {
    const refused = await send({ name: 'backup', user: member(2), memberPermissions: '0' });
    expect(isEphemeral(refused)).toBe(true);
    expect(refused.content).toBe(ko('error.adminOnly'));
    expect(readdir(backupDir)).toEqual([]);

    const done = await send({ name: 'backup', user: member(9), memberPermissions: ADMIN_PERMISSIONS });
    expect(isEphemeral(done)).toBe(true);
    const file = /`([^`]+)`/.exec(String(done.content))?.[1] ?? '';
    expect(done.content).toBe(ko('study.backup.done', { file }));
    expect(readdir(backupDir)).toEqual([file]);
    const target = path.join(backupDir, file);
    expect(readFileSync(target).subarray(0, 16).toString('latin1')).toBe('SQLite format 3\0');
    const copy = new Database(target, { readonly: true });
    try {
      const row = copy.prepare('SELECT count(*) AS n FROM study_logs WHERE user_id = ?').get(member(1).id) as {
        n: number;
      };
      expect(row.n).toBe(4);
    } finally {
      copy.close();
    }
  });

  it('answers in English for an English locale', async () => {
    const user = member(7);
    const logged = await logAdd(user, { minutes: '1h20m', chapter: '6' }, 'en-US');
    expect(embedOf(logged).title).toBe(en('study.log.added.title'));
    expect(fieldsOf(logged).get(en('study.log.chapterTotal'))).toBe('1 h 20 min');
    expect(fieldsOf(logged).get(en('study.log.dayTotal', { date: today }))).toBe('1 h 20 min');

    const rated = await send({ name: 'rate', options: { chapter: '6', stars: 5 }, user, locale: 'en-GB' });
    expect(fieldsOf(rated).get(en('study.rate.change'))).toBe(en('study.rate.first'));

    const refused = await send({ name: 'backup', user, memberPermissions: '0', locale: 'en-US' });
    expect(refused.content).toBe(en('error.adminOnly'));
  });

  it('sent nothing Discord would reject, and logged no error', () => {
    expect(h.fake.violations).toEqual([]);
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
  });
});

describe('chapter autocomplete with a book longer than Discord allows', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-book-'));
  let h: BotHarness;

  beforeAll(async () => {
    const chapters = Array.from({ length: 40 }, (_, i) => `  - number: ${i + 1}\n    title: 도커 실습 ${i + 1}`);
    const book = path.join(dir, 'book.yaml');
    writeFileSync(book, `title: 긴 책\nchapters:\n${chapters.join('\n')}\n`);
    h = await startBotAgainstFake({ env: { BOOK_PATH: book } });
  });

  afterAll(async () => {
    await h?.close();
    rmSync(dir, { recursive: true, force: true });
  });

  it('offers exactly 25 choices for a choseong query matching all 40 chapters, which Discord accepts', async () => {
    const ix = await h.fake.sendAutocomplete({ name: 'rate', options: { chapter: 'ㄷㅋ ㅅㅅ' }, focused: 'chapter' });
    const res = await ix.firstResponse(WAIT_MS);
    expect(res.ok).toBe(true);
    const values = choicesOf(res).map((c) => Number(c.value));
    expect(values).toEqual(Array.from({ length: 25 }, (_, i) => i + 1));
    expect(h.fake.violations).toEqual([]);
  });
});

function readdir(dir: string): string[] {
  return existsSync(dir) ? readdirSync(dir) : [];
}
