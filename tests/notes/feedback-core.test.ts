/**
 * The learning core on a real SQLite file: how questions are normalised and stored per guild, the vote rule (one
 * vote per member and section, a later click replaces it, the highest positive score is the alias with ties to
 * the newest vote, a negative score demotes), how the search result is changed by it, and the bounds (question
 * length, old not-found counts and unused questions pruned).
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Db } from '../../src/core/context.js';
import { openDatabase } from '../../src/db/connection.js';
import {
  applyLearning,
  emptyHeadings,
  gapsBetween,
  getQuestion,
  MISS_KEEP_DAYS,
  normalizeQuestion,
  QUESTION_KEEP_MS,
  QUESTION_MAX,
  questionTallies,
  recordAsk,
  recordVote,
  type LearningLookup,
  type VoteSource,
} from '../../src/notes/learning.js';
import type { SearchResult, Section } from '../../src/notes/types.js';
import { addDays } from '../../src/study/time.js';

let dir: string;
let db: Db;

beforeEach(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'explain-learning-'));
  db = openDatabase(path.join(dir, 'study.db'));
});
afterEach(() => {
  db.close();
  rmSync(dir, { recursive: true, force: true });
});

/** A hand-made section, so these tests do not depend on the parser (fields it may add are left to the cast). */
function section(heading: string, over: Partial<Section> = {}): Section {
  return {
    author: null,
    chapter: null,
    aliases: [],
    tags: [],
    id: `notes.md#${heading}`,
    file: 'notes.md',
    line: 1,
    depth: 2,
    heading,
    displayHeading: heading,
    path: [heading],
    body: `${heading} 설명`,
    text: `${heading} 설명`,
    kind: 'concept',
    empty: false,
    images: [],
    children: [],
    parent: null,
    ...over,
  } as Section;
}

const A = section('컨테이너');
const B = section('컨테이너의 라이프 사이클');
const C = section('도커 클라이언트');
const EMPTY = section('이미지 빌드', { empty: true, body: '', text: '' });
const RECORD = section('후기', { kind: 'record' });
const all = [A, B, C, EMPTY, RECORD];
const keyOf = (s: Section) => `k-${s.heading}`;
const lookup: LearningLookup = {
  keyOf,
  resolve: (key) => all.find((s) => keyOf(s) === key),
  related: (s) => all.filter((x) => x !== s),
  limit: 5,
};

const found = (...sections: Section[]): SearchResult => ({
  query: 'q',
  found: true,
  results: sections.map((s, i) => ({ section: s, score: 10 - i })),
  suggestions: [],
  emptyTopic: null,
});
const notFound = (...suggestions: Section[]): SearchResult => ({
  query: 'q',
  found: false,
  results: [],
  suggestions,
  emptyTopic: null,
});

const DAY = '2026-11-27';
const ask = (guildId: string, question: string, missed = false, now = 1000, day = DAY) =>
  recordAsk(db, { guildId, question, missed, now, day });
const vote = (questionId: number, userId: string, s: Section, source: VoteSource, now = 2000, guildId = 'g1') =>
  recordVote(db, { guildId, questionId, userId, sectionKey: keyOf(s), file: s.file, path: s.path, source, now });
const learned = (guildId: string, question: string, result: SearchResult) =>
  applyLearning(result, questionTallies(db, guildId, question), lookup);

describe('normalising a question', () => {
  it('applies NFC, lowercases, collapses whitespace and drops trailing ?!. so the same question matches', () => {
    const decomposed = '컨테이너'.normalize('NFD');
    expect(decomposed).not.toBe('컨테이너');
    expect(normalizeQuestion(`  ${decomposed}\t\n가   뭐야 ?!..`)).toBe('컨테이너 가 뭐야');
    expect(normalizeQuestion('What is a Docker IMAGE?')).toBe('what is a docker image');
    expect(normalizeQuestion('레이어？！。…')).toBe('레이어');
    expect(normalizeQuestion('?!.  ')).toBe('');
    expect(normalizeQuestion('a\u0000b\ud800c')).toBe('a b c');
  });

  it('bounds the question to QUESTION_MAX characters (code points, as SQLite counts)', () => {
    const long = normalizeQuestion('😀'.repeat(QUESTION_MAX + 50));
    expect([...long]).toHaveLength(QUESTION_MAX);
    expect(() => ask('g1', long)).not.toThrow();
  });
});

describe('recording asks', () => {
  it('keeps one row per normalised question and guild, counting asks and misses per group day', () => {
    const q1 = ask('g1', '레지스트리 비밀번호 분실', true);
    expect(ask('g1', '레지스트리 비밀번호 분실', true, 1500)).toBe(q1);
    expect(ask('g1', '레지스트리 비밀번호 분실', false, 1600, addDays(DAY, 1))).toBe(q1);
    const other = ask('g2', '레지스트리 비밀번호 분실', true);
    expect(other).not.toBe(q1);

    expect(getQuestion(db, 'g1', q1)).toMatchObject({ asks: 3, misses: 2, firstAskedAt: 1000, lastAskedAt: 1600 });
    expect(getQuestion(db, 'g2', q1)).toBeUndefined();
    expect(gapsBetween(db, 'g1', DAY, DAY, 10)).toEqual({
      gaps: [{ id: q1, question: '레지스트리 비밀번호 분실', count: 2, lastAt: 1500 }],
      total: 1,
    });
    expect(gapsBetween(db, 'g2', DAY, DAY, 10).gaps.map((g) => g.count)).toEqual([1]);
  });

  it('lists the period’s misses most asked first, then most recently asked', () => {
    const once = ask('g1', '한 번', true, 5000);
    const twice = ask('g1', '두 번', true, 1000);
    ask('g1', '두 번', true, 1100);
    const tie = ask('g1', '한 번 더 늦게', true, 6000);
    ask('g1', '지난주', true, 100, addDays(DAY, -7));
    const { gaps, total } = gapsBetween(db, 'g1', DAY, DAY, 10);
    expect(gaps.map((g) => g.id)).toEqual([twice, tie, once]);
    expect(total).toBe(3);
    expect(gapsBetween(db, 'g1', DAY, DAY, 1)).toMatchObject({ gaps: [{ id: twice }], total: 3 });
  });

  it('prunes not-found counts older than MISS_KEEP_DAYS and unused questions not asked for QUESTION_KEEP_MS', () => {
    const old = ask('g1', '오래된 질문', true, 0, addDays(DAY, -MISS_KEEP_DAYS - 1));
    const voted = ask('g1', '투표한 질문', false, 0);
    vote(voted, 'u1', A, 'up', 0);
    expect(gapsBetween(db, 'g1', '2000-01-01', DAY, 10).total).toBe(1);

    ask('g1', '오늘 못 찾은 질문', true, QUESTION_KEEP_MS + 1, DAY);
    expect(gapsBetween(db, 'g1', '2000-01-01', DAY, 10).gaps.map((g) => g.question)).toEqual(['오늘 못 찾은 질문']);
    expect(getQuestion(db, 'g1', old)).toBeUndefined();
    expect(getQuestion(db, 'g1', voted)).toBeDefined();
  });
});

describe('the vote rule', () => {
  it('a chosen suggestion becomes the alias: answered first, found, for that guild only', () => {
    const q = ask('g1', '컨테이너 목록', true);
    vote(q, 'u1', B, 'pick');
    const { result, learned: alias } = learned('g1', '컨테이너 목록', notFound(A, B, C));
    expect(alias).toBe(B);
    expect(result.found).toBe(true);
    expect(result.results.map((h) => h.section)).toEqual([B]);
    expect(learned('g2', '컨테이너 목록', notFound(A, B, C)).learned).toBeNull();
  });

  it('puts the alias first ahead of the search’s own order, keeping the other results', () => {
    const q = ask('g1', '컨테이너');
    vote(q, 'u1', C, 'up');
    const { result } = learned('g1', '컨테이너', found(A, B, C));
    expect(result.results.map((h) => h.section.heading)).toEqual([
      '도커 클라이언트',
      '컨테이너',
      '컨테이너의 라이프 사이클',
    ]);
    expect(result.results[0]?.score).toBe(10);
  });

  it('a 👎 demotes the section: the next best answers, and "not found" with nearby headings when none is left', () => {
    const q = ask('g1', '컨테이너');
    vote(q, 'u1', A, 'down');
    expect(learned('g1', '컨테이너', found(A, B)).result.results.map((h) => h.section)).toEqual([B]);
    const alone = learned('g1', '컨테이너', found(A)).result;
    expect(alone.found).toBe(false);
    expect(alone.suggestions).toEqual([B, C]); // related, without the demoted, empty or record sections
    expect(learned('g1', '컨테이너', notFound(A, C)).result.suggestions).toEqual([C]);
  });

  it('one vote per member: a 👎 after their own choice withdraws it; votes of different members add up', () => {
    const q = ask('g1', '질문', true);
    vote(q, 'u1', B, 'pick', 1);
    vote(q, 'u1', B, 'down', 2);
    expect(questionTallies(db, 'g1', '질문')).toEqual([{ sectionKey: keyOf(B), score: -1, lastAt: 2 }]);
    vote(q, 'u2', B, 'up', 3);
    vote(q, 'u3', B, 'pick', 4);
    expect(questionTallies(db, 'g1', '질문')).toEqual([{ sectionKey: keyOf(B), score: 1, lastAt: 4 }]);
    expect(learned('g1', '질문', notFound(A)).learned).toBe(B);
  });

  it('the highest score wins; a tie goes to the newest vote', () => {
    const q = ask('g1', '질문', true);
    vote(q, 'u1', A, 'pick', 10);
    vote(q, 'u2', B, 'pick', 20);
    expect(learned('g1', '질문', notFound()).learned).toBe(B);
    vote(q, 'u3', A, 'up', 30);
    expect(learned('g1', '질문', notFound()).learned).toBe(A);
    vote(q, 'u4', B, 'up', 40);
    expect(learned('g1', '질문', notFound()).learned).toBe(B);
  });

  it('ignores an alias that is gone from the notes, empty or a record section', () => {
    const q = ask('g1', '질문', true);
    recordVote(db, {
      guildId: 'g1',
      questionId: q,
      userId: 'u1',
      sectionKey: 'k-gone',
      file: 'old.md',
      path: ['지워진 항목'],
      source: 'pick',
      now: 5,
    });
    vote(q, 'u1', EMPTY, 'pick', 4);
    vote(q, 'u1', RECORD, 'pick', 3);
    expect(learned('g1', '질문', notFound(A)).learned).toBeNull();
    vote(q, 'u1', C, 'pick', 1);
    expect(learned('g1', '질문', notFound(A)).learned).toBe(C);
  });

  it('lists the headings that exist but have nothing written, concept sections only', () => {
    expect(emptyHeadings(all)).toEqual([EMPTY]);
    expect(emptyHeadings([section('기록', { kind: 'record', empty: true })])).toEqual([]);
  });
});
