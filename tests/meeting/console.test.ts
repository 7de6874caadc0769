/**
 * The meeting in the local console (the same commands and buttons as Discord): /meeting pack drawn as a box with
 * numbered buttons, pressing the quiz button opens the quiz lobby, 참석 redraws the pack, /presenter pick names
 * the seed, /meeting notes saves the retrospective file.
 */
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createApp, type App } from '../../src/app.js';
import { loadConfig } from '../../src/config.js';
import { silentLogger } from '../../src/core/context.js';
import { setLink } from '../../src/group/links.js';
import { saveMeeting } from '../../src/group/schedule.js';
import { defaultDeadline } from '../../src/group/time.js';
import { rememberMember } from '../../src/study/store.js';
import { manualClock } from '../support/context.js';
import { session } from '../cli/session.js';
import { BOOK_KEY, meetingStart, MEMBERS, noteFile, TZ } from './support.js';

const HOUR = 3_600_000;
let dir: string;
let app: App;
const clock = manualClock(meetingStart(1) + HOUR / 2);

beforeEach(async () => {
  dir = mkdtempSync(path.join(tmpdir(), 'meeting-console-'));
  const notesDir = path.join(dir, 'notes');
  for (const m of MEMBERS.slice(0, 3)) {
    const { file, text } = noteFile(m.name, 1);
    mkdirSync(path.dirname(path.join(notesDir, file)), { recursive: true });
    writeFileSync(path.join(notesDir, file), text);
  }
  writeFileSync(path.join(dir, 'rules.yaml'), 'enabled: true\nattendance: true\n');
  const config = loadConfig({
    DATABASE_PATH: path.join(dir, 'study.db'),
    NOTES_DIR: notesDir,
    NOTES_CACHE_PATH: 'off',
    RULES_PATH: path.join(dir, 'rules.yaml'),
    QUIZ_DIR: dir,
    STUDY_TIMEZONE: TZ,
    LOG_LEVEL: 'silent',
  });
  app = await createApp(config, { logger: silentLogger, clock });
  const { db } = app.services;
  for (const m of MEMBERS) {
    setLink(db, 'local', m.id, m.name, m.id, clock.now());
    rememberMember(db, 'local', m.id, m.name, clock.now());
  }
  const startsAt = meetingStart(1);
  saveMeeting(
    db,
    'local',
    {
      book: BOOK_KEY,
      seq: 1,
      startsAt,
      deadlineAt: defaultDeadline(startsAt, TZ),
      chapters: [1],
      presenter: null,
      place: '온라인',
      voiceChannelId: null,
    },
    'set',
    clock.now(),
  );
});

afterEach(() => {
  app.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the meeting in the console', () => {
  it('picks, shows the pack, starts the quiz from its button, records 참석 and saves the retrospective', async () => {
    const s = session(app, { filesDir: path.join(dir, 'files'), timeZone: TZ, color: false });
    const picked = await s.say('/presenter pick 시드:console', /시드 `?console`?/);
    expect(picked).toMatch(/🎤 1주차 발표자: (가영|나래|다은)/);

    const pack = await s.say('/meeting pack', /참석/);
    expect(pack).toContain('╭─ 📋 1주차 모임 안내');
    expect(pack).toContain('2026년 12월 1일 화요일 20:00 · 온라인');
    expect(pack).toContain('3/5명 썼어요');
    expect(pack).toMatch(/\[1\] 🧠 이번 주 퀴즈 5문제\s+\[2\] 🙋 참석/);

    const quiz = await s.say('1', /Chapter 1 퀴즈를 채널에 열었어요/);
    expect(quiz).toContain('╭─ 📚 퀴즈 대기실');

    await s.say('/meeting pack', /참석/);
    const attended = await s.say('2', /참석 \(1명\)/);
    expect(attended).toContain('╭─ 📋 1주차 모임 안내');

    s.end();
    await s.done;
    const notes = session(app, { filesDir: path.join(dir, 'files'), timeZone: TZ, color: false });
    clock.set(meetingStart(1) + 4 * HOUR);
    const saved = await notes.say('/meeting notes', /📎/);
    const file = /📎 (\S+) \(\d+ B\) → (.+)/.exec(saved);
    expect(file?.[1]).toBe('2026-12-01-1주차.md');
    expect(existsSync(file![2]!.trim())).toBe(true);
    expect(readFileSync(file![2]!.trim(), 'utf8').split('\n')[0]).toBe('# 📚 스터디 회고');
    notes.end();
    await notes.done;
  });
});
