/**
 * A month of a simulated study group, reusable: 5 members reading 4 weeks of the bundled book through the real bot
 * (startBot) and the fake Discord, on a real SQLite file and a real notes folder. Each week the members' notes
 * appear in `<book>/<member>/[ChapterN] ….md` (one member never links or uses Discord), members log time, rate
 * and ask questions, and an hour before each meeting the group's /week board is read — both as the Discord reply
 * and as the core's WeekBoard (what `week --json` prints).
 *
 *   const sim = await simulateMonth();
 *   for (const w of sim.weeks) console.log(formatWeek(w));
 *   await sim.close();
 *
 * The script (who writes, logs, rates and asks in which week) is `SCRIPT`, so a test can check every board against
 * it and the lead can print the boards for the closing note.
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { nextMeeting } from '../../src/group/schedule.js';
import { weekBoard, type WeekBoard } from '../../src/group/week.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import type { CommandInvocation } from '../support/fake-discord.js';
import { ADMIN, contentOf, descOf, embedOf, reply } from './support.js';

export const MEMBERS = [
  { author: '김규민', user: { id: '710000000000000001', username: 'kyumin', globalName: '김규민' }, links: true },
  { author: '이서연', user: { id: '710000000000000002', username: 'seoyeon', globalName: '이서연' }, links: true },
  { author: '박지훈', user: { id: '710000000000000003', username: 'jihoon', globalName: '박지훈' }, links: true },
  { author: '최민수', user: { id: '710000000000000004', username: 'minsu', globalName: '최민수' }, links: true },
  // Writes notes in the repository but never uses Discord: shows on the board by author name, unlinked.
  { author: '정하늘', user: null, links: false },
] as const;
export type Author = (typeof MEMBERS)[number]['author'];

export interface WeekScript {
  seq: number;
  /** Meeting day (Saturday) at 14:00 KST. */
  date: string;
  chapters: number[];
  /** Note file per writer (its chapter label is in the name). */
  notes: Partial<Record<Author, string>>;
  minutes: Partial<Record<Author, number>>;
  stars: Partial<Record<Author, number>>;
  questions: Partial<Record<Author, string>>;
}

export const SCRIPT: WeekScript[] = [
  {
    seq: 1,
    date: '2027-01-09',
    chapters: [2],
    notes: {
      김규민: '[Chapter2] 도커의 개념.md',
      이서연: '[Chapter 2] 도커의 개념.md',
      박지훈: '[Chapter2] 컨테이너란.md',
      최민수: '[Chapter2] 도커 개념.md',
      정하늘: '[Chapter2] 도커의 개념.md',
    },
    minutes: { 김규민: 90, 이서연: 60, 박지훈: 45, 최민수: 30 },
    stars: { 김규민: 4, 이서연: 5, 박지훈: 3 },
    questions: { 김규민: '컨테이너와 VM의 격리 수준 차이는?', 최민수: '도커 데몬은 왜 루트로 도나요?' },
  },
  {
    seq: 2,
    date: '2027-01-16',
    chapters: [4],
    notes: {
      김규민: '[Chapter4] 도커 기초.md',
      이서연: '[Chapter 4] 도커 기초.md',
      최민수: '[Chapter4] 이미지와 컨테이너.md',
      정하늘: '[Chapter4] 도커 기초.md',
    },
    minutes: { 김규민: 120, 이서연: 80, 박지훈: 20 },
    stars: { 김규민: 4, 이서연: 3, 최민수: 2 },
    questions: { 이서연: '이미지 레이어는 어디에 저장되나요?' },
  },
  {
    seq: 3,
    date: '2027-01-23',
    chapters: [5, 6],
    notes: {
      김규민: '[Chapter5-6] 컴포즈.md',
      박지훈: '[Chapter5] 볼륨.md',
      정하늘: '[Chapter6] 네트워크.md',
    },
    minutes: { 김규민: 60, 박지훈: 100, 최민수: 40 },
    stars: { 박지훈: 4 },
    questions: { 박지훈: '바인드 마운트와 볼륨은 언제 나눠 쓰나요?', 김규민: '컴포즈 네트워크 이름 규칙은?' },
  },
  {
    seq: 4,
    date: '2027-01-30',
    chapters: [7],
    notes: {
      김규민: '[Chapter7] 쿠버네티스의 기본 구조.md',
      이서연: '[Chapter7] 쿠버네티스 구조.md',
      박지훈: '[Chapter7] 쿠버네티스.md',
      최민수: '[Chapter7] 컨트롤 플레인.md',
      정하늘: '[Chapter7] 쿠버네티스의 기본 구조.md',
    },
    minutes: { 김규민: 75, 이서연: 75, 박지훈: 75, 최민수: 75 },
    stars: { 김규민: 5, 이서연: 4, 박지훈: 4, 최민수: 3 },
    questions: { 이서연: '컨트롤 플레인 없이 파드가 도나요?', 최민수: 'etcd가 죽으면?', 박지훈: 'kubelet의 역할은?' },
  },
];

const noteText = (author: string, chapters: number[]) =>
  `# ${chapters.join('·')}장 정리 (${author})\n\n## 📝 내용 정리\n\n### 핵심\n\n${author}의 ${chapters.join(', ')}장 정리예요.\n\n### 더 알아본 것\n\n실습하며 정리했어요.\n`;

export interface SimulatedWeek {
  script: WeekScript;
  /** The core's board (what `week --json` prints as `members`). */
  board: WeekBoard;
  /** The /week reply as Discord got it. */
  discord: { title: string; description: string };
}

export interface Simulation {
  harness: BotHarness;
  weeks: SimulatedWeek[];
  close(): Promise<void>;
}

const HOUR = 3_600_000;
const kst = (date: string, hh: number) => Date.parse(`${date}T${String(hh).padStart(2, '0')}:00:00+09:00`);

export async function simulateMonth(): Promise<Simulation> {
  const clock = manualClock(kst('2027-01-02', 10));
  const h = await startBotAgainstFake({ bot: { clock } });
  const notesDir = path.join(h.dir, 'notes', 'docker-book');
  const send = async (invocation: CommandInvocation) => reply(await h.fake.sendCommand(invocation));
  const admin = { user: MEMBERS[0].user, memberPermissions: ADMIN };
  const weeks: SimulatedWeek[] = [];
  try {
    for (const w of SCRIPT) {
      const r = await send({
        name: 'schedule',
        subcommand: 'set',
        ...admin,
        options: { week: w.seq, date: w.date, time: '14:00', chapters: w.chapters.join(',') },
      });
      if (!contentOf(r).includes(`${w.seq}주차`)) throw new Error(`schedule set failed: ${contentOf(r)}`);
    }
    for (const m of MEMBERS)
      if (m.user && m.links) await send({ name: 'link', user: m.user, options: { name: m.author } });

    for (const w of SCRIPT) {
      // Three days before the meeting: the week's notes land in the repository and members record their week.
      clock.set(kst(w.date, 14) - 72 * HOUR);
      for (const [author, file] of Object.entries(w.notes)) {
        mkdirSync(path.join(notesDir, author), { recursive: true });
        writeFileSync(path.join(notesDir, author, file), noteText(author, w.chapters));
      }
      await send({ name: 'notes', subcommand: 'reload', ...admin });
      for (const m of MEMBERS) {
        if (!m.user) continue;
        const minutes = w.minutes[m.author];
        const stars = w.stars[m.author];
        const question = w.questions[m.author];
        const chapter = String(w.chapters[0]);
        if (minutes)
          await send({ name: 'log', subcommand: 'add', user: m.user, options: { minutes: String(minutes), chapter } });
        if (stars) await send({ name: 'rate', user: m.user, options: { chapter, stars } });
        if (question)
          await send({ name: 'question', subcommand: 'add', user: m.user, options: { text: question, chapter } });
      }
      // An hour before the meeting (the note deadline, 23:59 the night before, has passed).
      clock.set(kst(w.date, 13));
      const shown = await send({ name: 'week', user: MEMBERS[1].user });
      const db = h.bot.app.services.db;
      const meeting = nextMeeting(db, h.fake.guild.id, clock.now());
      if (!meeting || meeting.seq !== w.seq) throw new Error(`week ${w.seq}: next meeting is ${meeting?.seq}`);
      weeks.push({
        script: w,
        board: weekBoard({ db, notes: h.bot.app.services.notes.index }, h.fake.guild.id, meeting),
        discord: { title: String(embedOf(shown).title ?? ''), description: descOf(shown) },
      });
    }
  } catch (err) {
    await h.close();
    throw err;
  }
  return { harness: h, weeks, close: () => h.close() };
}

/** One week's board as plain text, for printing (the closing note). */
export function formatWeek(w: SimulatedWeek): string {
  return [`## ${w.discord.title}`, '', w.discord.description].join('\n');
}
