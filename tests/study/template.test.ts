import { readFileSync } from 'node:fs';
import path from 'node:path';
import fc from 'fast-check';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { decodeCustomId } from '../../src/commands/customId.js';
import type { AttachmentArg } from '../../src/commands/types.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { applyImport, confirmImport, exportTemplate, planFromParsed, savePending } from '../../src/study/importer.js';
import { parseTemplate } from '../../src/study/template-parse.js';
import { renderTemplate, type TemplateData } from '../../src/study/template.js';
import { buttonIds, studyEnv, textOf, type StudyEnv } from './support.js';

let env: StudyEnv;
beforeEach(() => (env = studyEnv()));
afterEach(() => env.cleanup());

const seedTemplate = () => readFileSync(path.join(PROJECT_ROOT, 'data', 'notes', 'docker-study.md'), 'utf8');
const file: AttachmentArg = {
  id: 'a1',
  name: 'my-notes.md',
  url: 'https://x/my-notes.md',
  size: 1,
  contentType: 'text/markdown',
};
const upload = (text: string) => ({ fetchAttachment: async () => Buffer.from(text, 'utf8') });

async function fill(as = {}) {
  await env.run('log', 'add', { minutes: '40', chapter: '1' }, as);
  await env.run('log', 'add', { minutes: '1시간', chapter: '2' }, as);
  await env.run('log', 'add', { minutes: '1:40', chapter: '1', date: '어제' }, as);
  await env.run(
    'rate',
    undefined,
    {
      chapter: '1',
      stars: 3,
      hard_part: '`docker image inspect` 출력',
      why: '메타데이터가 생소함',
      insight: '이미지는 스냅샷',
    },
    as,
  );
  await env.run('rate', undefined, { chapter: '2', stars: 4 }, as);
  await env.run('question', 'add', { text: 'Paused 상태에서 메모리는 왜 쓰나요?', chapter: '4' }, as);
  await env.run('question', 'add', { text: '레지스트리 인증은?' }, as);
  await env.run('question', 'done', { id: '2' }, as);
}

describe('template export', () => {
  it("writes the member's records in the seed's format", async () => {
    await fill();
    const md = exportTemplate(env.deps, 'g1', 'u1', 'header');
    expect(md).toContain(
      '## ⏳ 독서 과정 기록\n- **총 독서 시간**: 3시간 20분\n- **각 장별 소요 시간**:\n  - Chapter 1: 2시간 20분\n  - Chapter 2: 1시간\n',
    );
    expect(md).toContain('  - Chapter 1: ⭐⭐⭐☆☆ (3/5)\n  - Chapter 2: ⭐⭐⭐⭐☆ (4/5)');
    expect(md).toContain(
      '- **어려웠던 부분 & 이유**:\n  - Chapter 1: `docker image inspect` 출력\n    - 이유: 메타데이터가 생소함',
    );
    expect(md).toContain('- **특별하게 깨달음을 얻은 부분**\n  - Chapter 1: 이미지는 스냅샷');
    expect(md).toContain(
      '## ❓ 특별히 궁금했던 부분\n- [ ] Chapter 4: Paused 상태에서 메모리는 왜 쓰나요?\n- [x] 레지스트리 인증은?',
    );
    // The seed's section order.
    const order = ['목차를 읽기 전에', '내용 정리', '후기', '궁금했던', '독서 과정', '이해도 점검'].map((h) =>
      md.indexOf(h),
    );
    expect(order).toEqual([...order].sort((a, b) => a - b));
  });

  it('sends the template as a markdown attachment', async () => {
    await fill();
    const reply = await env.run('template', 'export');
    expect(reply.files?.[0]?.name).toBe('study-template-u1.md');
    expect(reply.files?.[0]?.data.toString('utf8')).toContain('# 📚 스터디 템플릿');
  });
});

describe('template import', () => {
  it("reads the seed's own notes: the filled stars, not the guidance bullets or (예: …) placeholders", () => {
    const parsed = parseTemplate(seedTemplate());
    expect([...parsed.minutes]).toEqual([]);
    expect([...parsed.ratings]).toEqual([
      [1, { stars: 3, hardPart: null, why: null, insight: null }],
      [2, { stars: 4, hardPart: null, why: null, insight: null }],
    ]);
    expect(parsed.questions).toEqual([]);
    expect(parsed.warnings).toEqual([]);
  });

  it("reads a member's own notes written in the template, warning about lines it cannot place", () => {
    const parsed = parseTemplate(
      [
        '## ⏳ 독서 과정 기록',
        '- **총 독서 시간**: 2시간',
        '- **각 장별 소요 시간**:',
        '  - 1장: 1시간 20분',
        '  - Chapter 2: 40분',
        '  - Chapter 3: 한참',
        '## 🤔 이해도 점검 & 난이도 평가',
        '- **어려웠던 부분 & 이유**:',
        '  - 레이어가 어려웠다',
        '  - Chapter 2: 네트워크 드라이버',
        '    - 이유: 리눅스 브리지를 모름',
        '- **자신의 이해도를 점수로 표현하기 (5점 만점)**',
        '  - Chapter 2: ★★☆☆☆',
        '## ❓ 특별히 궁금했던 부분',
        '- 오버레이 네트워크는 언제 쓰나요?',
      ].join('\n'),
    );
    expect([...parsed.minutes]).toEqual([
      [1, 80],
      [2, 40],
    ]);
    expect(parsed.totalMinutes).toBe(120);
    expect(parsed.ratings.get(2)).toEqual({
      stars: 2,
      hardPart: '네트워크 드라이버',
      why: '리눅스 브리지를 모름',
      insight: null,
    });
    expect(parsed.questions).toEqual([{ chapter: null, text: '오버레이 네트워크는 언제 쓰나요?', done: false }]);
    expect(parsed.warnings.map((w) => [w.key, w.params.line])).toEqual([
      ['study.import.warn.duration', 6],
      ['study.import.warn.noChapter', 9],
    ]);
  });

  it('keeps a confirmed plan pending when recording it fails, so Confirm can be pressed again', () => {
    const plan = planFromParsed(env.deps, 'g1', 'u1', parseTemplate(seedTemplate()));
    const id = savePending(env.deps, 'g1', 'u1', plan);
    // Recording fails after the plan was taken (as a full disk would): the take must roll back with it.
    env.deps.db.exec(
      "CREATE TEMP TRIGGER full_disk BEFORE INSERT ON study_ratings BEGIN SELECT RAISE(ABORT, 'database or disk is full'); END",
    );
    expect(() => confirmImport(env.deps, 'g1', 'u1', id)).toThrow('disk is full');
    env.deps.db.exec('DROP TRIGGER full_disk');
    expect(confirmImport(env.deps, 'g1', 'u1', id).ratings).toBe(2);
    expect(() => confirmImport(env.deps, 'g1', 'u1', id)).toThrow(
      expect.objectContaining({ key: 'study.error.import.expired' }),
    );
  });

  it('export → import → export gives the same records', async () => {
    await fill();
    const first = exportTemplate(env.deps, 'g1', 'u1', 'h');
    const plan = planFromParsed(env.deps, 'g2', 'u2', parseTemplate(first));
    applyImport(env.deps, 'g2', 'u2', plan);
    expect(exportTemplate(env.deps, 'g2', 'u2', 'h')).toBe(first);
    // Importing one's own export again records nothing.
    const again = planFromParsed(env.deps, 'g1', 'u1', parseTemplate(first));
    expect([again.logs, again.ratings, again.questions]).toEqual([[], [], []]);
  });

  it('round-trips arbitrary records (property)', () => {
    const text = fc
      .string({
        unit: fc.constantFrom(...'가나다 abc XYZ 123 `*_~!?.,:()[]#-<>\\|&=+"'.split('')),
        minLength: 1,
        maxLength: 40,
      })
      .map((s) => s.replace(/\s+/g, ' ').trim())
      .filter((s) => s.length > 0);
    const chapters = fc.uniqueArray(fc.integer({ min: 1, max: 4 }), { maxLength: 4 }).map((a) => a.sort());
    const data = fc.record({
      times: chapters.chain((cs) =>
        fc.tuple(...cs.map((chapter) => fc.integer({ min: 1, max: 5000 }).map((minutes) => ({ chapter, minutes })))),
      ),
      ratings: chapters.chain((cs) =>
        fc.tuple(
          ...cs.map((chapter) =>
            fc.record({
              chapter: fc.constant(chapter),
              stars: fc.integer({ min: 1, max: 5 }),
              hardPart: fc.option(text, { nil: null }),
              why: fc.option(text, { nil: null }),
              insight: fc.option(text, { nil: null }),
            }),
          ),
        ),
      ),
      questions: fc.uniqueArray(
        fc.record({ chapter: fc.option(fc.integer({ min: 1, max: 4 }), { nil: null }), text, done: fc.boolean() }),
        { maxLength: 4, selector: (q) => `${q.chapter}|${q.text}` },
      ),
    });
    let n = 0;
    fc.assert(
      fc.property(data, (d) => {
        const user = `p${n++}`;
        const md = renderTemplate({ header: 'h', ...d } as TemplateData);
        applyImport(env.deps, 'prop', user, planFromParsed(env.deps, 'prop', user, parseTemplate(md)));
        expect(exportTemplate(env.deps, 'prop', user, 'h')).toBe(md);
      }),
      { numRuns: 100 },
    );
  });

  it('shows what it will record and records only after the confirm button', async () => {
    await fill({ user: { id: 'u1', name: '민수' } });
    const md = exportTemplate(env.deps, 'g1', 'u1', 'h');
    const as = { user: { id: 'u2', name: '지영' }, ...upload(md) };
    const preview = await env.run('template', 'import', { file }, as);
    expect(preview.ephemeral).toBe(true);
    const text = textOf(preview);
    expect(text).toContain('my-notes.md');
    expect(text).toContain('1장 도커 소개: +2시간 20분');
    expect(text).toContain('2장 도커의 구조: ⭐⭐⭐⭐☆ (4/5)');
    expect(text).toContain('☑ 레지스트리 인증은?');
    expect(env.services.db.prepare("SELECT count(*) FROM study_logs WHERE user_id = 'u2'").pluck().get()).toBe(0);

    const [ok, cancel] = buttonIds(preview);
    expect(decodeCustomId(ok ?? '')?.args[0]).toBe('ok');
    expect(decodeCustomId(cancel ?? '')?.args[0]).toBe('no');
    const stranger = await env.click(ok ?? '', { user: { id: 'u3', name: '현' } });
    expect(stranger.content).toContain('명령을 실행한 사람만');

    const done = await env.click(ok ?? '', as);
    expect(done.update).toBe(true);
    expect(done.content).toContain('시간 2건 (3시간 20분), 이해도 2건, 질문 2건');
    expect(exportTemplate(env.deps, 'g1', 'u2', 'h')).toBe(md);
    expect((await env.click(ok ?? '', as)).content).toContain('확인 시간이 지났어요');
  });

  it('records nothing when cancelled, and says so when there is nothing new', async () => {
    const md = ['## 🤔 이해도 점검', '- **자신의 이해도를 점수로 표현하기 (5점 만점)**', '  - Chapter 3: (4/5)'].join(
      '\n',
    );
    const preview = await env.run('template', 'import', { file }, upload(md));
    const cancelled = await env.click(buttonIds(preview)[1] ?? '');
    expect(cancelled.content).toContain('취소');
    expect(env.count('study_ratings')).toBe(0);

    await env.click(buttonIds(await env.run('template', 'import', { file }, upload(md)))[0] ?? '');
    expect(env.count('study_ratings')).toBe(1);
    const nothing = await env.run('template', 'import', { file }, upload(md));
    expect(textOf(nothing)).toContain('새로 기록할 내용이 없어요');
    expect(buttonIds(nothing)).toEqual([]);
  });

  it('expires a pending import after 30 minutes', async () => {
    const md = '## 🤔 이해도 점검\n- **이해도**\n  - Chapter 1: 5/5\n';
    const preview = await env.run('template', 'import', { file }, upload(md));
    env.clock.advance(31 * 60 * 1000);
    expect((await env.click(buttonIds(preview)[0] ?? '')).content).toContain('확인 시간이 지났어요');
    expect(env.count('study_ratings')).toBe(0);
  });

  it('rejects binary, empty and oversized files without writing', async () => {
    const binary = { fetchAttachment: async () => Buffer.from([0xff, 0xfe, 0x00, 0x01]) };
    expect((await env.run('template', 'import', { file }, binary)).content).toContain('텍스트');
    expect((await env.run('template', 'import', { file }, upload(''))).content).toContain('비어 있어요');
    expect((await env.run('template', 'import', { file }, upload('x'.repeat(300 * 1024)))).content).toContain(
      '너무 커요',
    );
    expect(env.count('study_pending_imports')).toBe(0);
  });

  it('splits imported chapter time over 24 hours into entries the CHECK constraint accepts', () => {
    const md = '## ⏳ 독서 과정 기록\n- **각 장별 소요 시간**:\n  - Chapter 1: 50시간\n';
    const counts = applyImport(env.deps, 'g1', 'u1', planFromParsed(env.deps, 'g1', 'u1', parseTemplate(md)));
    expect(counts).toEqual({ entries: 3, minutes: 3000, ratings: 0, questions: 0 });
  });
});
