/**
 * Notes as real study groups keep them (issue 11, section A): a folder per book and per member, files named
 * `[Chapter4] 도커 기초.md`, the study template with numbered emoji headings, front matter, HTML inside markdown,
 * Notion-style bold headings, research under ❓, and two members writing the same topic
 * (tests/notes/fixtures/shapes). Each test names a behaviour that the parser did not have before.
 */
import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sectionKey } from '../../src/commands/explain.js';
import { loadNotes } from '../../src/notes/load.js';
import { buildIndex } from '../../src/notes/build.js';
import { authorOf } from '../../src/notes/authors.js';
import { chapterOf, parseNotes } from '../../src/notes/parse.js';
import type { NotesIndex, Section } from '../../src/notes/types.js';
import { quizzableSections } from '../../src/quiz/generate.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import type { InteractionResponse } from '../support/fake-discord-interaction.js';
import { BUNDLED_NOTES, NOTES_TESTS, indexOf } from './support/questions.js';
import { runCliCaptured } from '../support/cli.js';

const SHAPES = path.join(NOTES_TESTS, 'fixtures/shapes');
const KIM = 'docker-book/김규민/[Chapter4] 도커 기초.md';
const LEE = 'docker-book/이서연/[Chapter 4] 도커 기초.md';
const PARK = 'docker-book/박지훈/[Chatper4] 도커 설치와 실행.md';
const CHOI = 'docker-book/최민수/[Chapter5-7] 컨테이너 다루기.md';

/** Every file of the fixture folder, relative, `/`-separated. */
function fixtureFiles(dir = SHAPES, prefix = ''): string[] {
  return readdirSync(dir).flatMap((name) => {
    const rel = prefix ? `${prefix}/${name}` : name;
    return statSync(path.join(dir, name)).isDirectory() ? fixtureFiles(path.join(dir, name), rel) : [rel];
  });
}

let index: NotesIndex;
beforeAll(async () => {
  index = await loadNotes(SHAPES); // through the parser's worker thread, as the bot loads them
});

const inFile = (file: string) => index.sections.filter((s) => s.file === file);
function section(file: string, heading: string): Section {
  const found = inFile(file).find((s) => s.heading === heading);
  if (!found)
    throw new Error(
      `no section ${heading} in ${file}: ${inFile(file)
        .map((s) => s.heading)
        .join(', ')}`,
    );
  return found;
}
const parse = (text: string, file = 't.md') => parseNotes(file, text, { dir: '/notes', fileExists: () => false });
const topIds = (query: string) => index.search(query, { limit: 5 }).results.map((h) => h.section.id);

describe('the study template as members fill it', () => {
  it('searches notes written directly under 📝 2. 내용 정리, as a concept whose heading is generic', () => {
    const area = section(KIM, '2. 내용 정리');
    expect(area).toMatchObject({ kind: 'concept', genericHeading: true, empty: false });
    expect(area.text).toContain('REST API 요청을 보내는 클라이언트');
    expect(topIds('터미널에서 치는 docker 명령은 REST API 요청')).toContain(area.id);
    // The template's own divider, with nothing under it, is still no topic of its own.
    expect(indexOf(BUNDLED_NOTES).sections.find((s) => s.heading === '내용 정리')?.kind).toBe('record');
  });

  it('recognises the template headings with or without emoji and numbers', () => {
    const sections = parse(
      [
        '# 📚 1. 스터디 템플릿',
        '## 📖 1. 목차를 읽기 전에 든 생각',
        '- 기대된다',
        '## 📝 2. 내용 정리',
        '## 3.1 이미지',
        '이미지는 읽기 전용 템플릿이다.',
        '## 4. 후기',
        '- 좋았다',
        '## ⏳ 5. 독서 과정 기록',
        '- 2시간',
        '## 이해도 점검 & 난이도 평가',
        '- 4/5',
      ].join('\n'),
    );
    expect(sections.map((s) => [s.heading, s.kind, s.genericHeading ?? false])).toEqual([
      ['1. 스터디 템플릿', 'record', true],
      ['1. 목차를 읽기 전에 든 생각', 'record', false],
      ['2. 내용 정리', 'record', true],
      ['3.1 이미지', 'concept', false],
      ['4. 후기', 'record', false],
      ['5. 독서 과정 기록', 'record', false],
      ['이해도 점검 & 난이도 평가', 'record', false],
    ]);
  });

  it('searches research under ❓ 특별히 궁금했던 부분 as question sections, and keeps quizzes and review off them', () => {
    const kimQuestion = section(KIM, '컨테이너를 지우면 쓰기 레이어는 어떻게 되나?');
    expect(kimQuestion).toMatchObject({ kind: 'question', author: '김규민', chapter: '4' });
    expect(kimQuestion.text).toContain('쓰기 가능 레이어도 같이 삭제된다');
    expect(section(PARK, '유니온 파일 시스템')).toMatchObject({
      kind: 'question',
      path: ['특별히 궁금했던 부분', '유니온 파일 시스템'],
    });
    // The label itself, holding only the template's prompt, is no answer.
    expect(section(PARK, '특별히 궁금했던 부분').kind).toBe('record');
    expect(indexOf(BUNDLED_NOTES).sections.some((s) => s.kind === 'question')).toBe(false);
    // Questions still open (no research under them yet) are for the next meeting, not answers.
    const open = parse(
      [
        '## ❓ 특별히 궁금했던 부분',
        '- 오버레이 네트워크는 쿠버네티스의 CNI와 어떻게 다른지 궁금하다.',
        '- 볼륨은 왜 따로 쓰나요?',
        '### 쓰기 레이어는 언제 지워지나?',
        '- 찾아보니 컨테이너를 지우면 같이 지워진다.',
        '### 캐시는 왜 빠른가?',
        '- 왜 그럴까?',
      ].join('\n'),
    );
    expect(open.map((s) => s.kind)).toEqual(['record', 'question', 'record']);

    const questions = index.sections.filter((s) => s.kind === 'question').map((s) => s.id);
    expect(questions.length).toBeGreaterThanOrEqual(2);
    expect(quizzableSections(index).filter((s) => s.kind !== 'concept')).toEqual([]); // quizzes and review cards
    for (const s of index.sections) {
      expect(index.related(s.id, 5).every((r) => r.kind === 'concept')).toBe(true);
    }
  });
});

describe('front matter', () => {
  it('reads YAML front matter as metadata (title, aliases, tags, author, chapter), never as a heading', () => {
    const sections = inFile(LEE);
    expect(sections.some((s) => /title|aliases|tags/.test(s.heading))).toBe(false);
    const title = section(LEE, '도커 기초');
    expect(title).toMatchObject({
      line: 1,
      depth: 1,
      author: '이서연',
      chapter: '4',
      aliases: ['Docker 기초', '도커 입문'],
      tags: ['docker', 'image', 'layer'],
    });
    expect(title.text).toBe('도커를 설치하고 이미지와 컨테이너를 다루는 4장을 정리했다.');
    // Line numbers stay the editor's: the first heading after the front matter is on line 13.
    expect(section(LEE, '유니온 파일 시스템')).toMatchObject({ line: 13, path: ['유니온 파일 시스템'], aliases: [] });
    expect(section(LEE, '유니온 파일 시스템').tags).toEqual(['docker', 'image', 'layer']);
    expect(section('gitbook/docs/도커 네트워크.md', '오버레이 네트워크')).toMatchObject({
      author: '한지민',
      chapter: '8',
      tags: ['network', 'docker'],
      line: 9,
    });
  });

  it('skips TOML (+++) front matter and reads its simple keys', () => {
    const pod = section('hugo/k8s/파드.md', '파드');
    expect(pod).toMatchObject({ line: 1, author: '오세훈', chapter: '9', tags: ['kubernetes', 'pod'] });
    expect(pod.text).toContain('배포할 수 있는 가장 작은 단위');
    expect(inFile('hugo/k8s/파드.md').map((s) => s.heading)).toEqual(['파드', '파드의 생명주기']);
  });

  it('bounds front matter: one over 8 KB gives no metadata, an alias bomb is refused, a leading rule stays markdown', () => {
    const big = parse(`---\ntitle: 큰 머리말\nnote: "${'가'.repeat(3000)}"\n---\n## 본문\n글`);
    expect(big.map((s) => [s.heading, s.line])).toEqual([['본문', 5]]);

    const bomb = [
      '---',
      'a: &a [lol, lol, lol, lol, lol, lol, lol, lol, lol]',
      ...'bcdefgh'.split('').map((k, i) => `${k}: &${k} [${Array(9).fill(`*${'abcdefgh'[i]}`).join(', ')}]`),
      'title: 폭탄',
      'aliases: *h',
      '---',
      '## 본문',
      '글',
    ].join('\n');
    const started = performance.now();
    const parsed = parse(bomb);
    expect(performance.now() - started).toBeLessThan(1000);
    expect(parsed.map((s) => [s.heading, s.aliases, s.line])).toEqual([['본문', [], 13]]);

    const sentence =
      '이 파일은 이미지 레이어를 정리한 노트이고, 위아래의 가로줄은 머리말이 아니라 구분선으로 쓴 것이다.';
    const ruled = parse(`---\n# 제목\n${sentence}\n---\n## 다음\n글`);
    expect(ruled.map((s) => s.heading)).toEqual(['제목', '다음']);
    expect(ruled[0]?.text).toBe(sentence);
  });
});

describe('HTML and tables inside markdown', () => {
  it('makes <table>, <br>, <details>/<summary>, <aside> and <figure> text searchable, table rows with cells apart', () => {
    const union = section(LEE, '유니온 파일 시스템');
    expect(union.text).toContain('upperdir | 컨테이너 레이어 (쓰기 가능)');
    expect(union.text).toContain('하나의 디렉터리처럼 보여 준다.\n아래 레이어는 읽기 전용');
    expect(union.body).not.toMatch(/<(table|img|br)/);
    expect(union.body).toContain('lowerdir | 이미지 레이어들 (읽기 전용)');

    const cow = section(LEE, 'Copy-on-Write');
    expect(cow.text).toContain('CoW가 뭐였지?');
    expect(cow.text).toContain('쓰기가 잦은 데이터베이스 파일은');
    expect(cow.body).toContain('**CoW가 뭐였지?**');
    expect(cow.body).not.toContain('<aside>');
    expect(section(LEE, '이미지 명령어 정리').text).toContain('overlay2 디렉터리 구성도');

    expect(topIds('upperdir lowerdir merged')).toContain(union.id);
  });

  it('reads markdown tables row by row with cells apart, a <br> in a cell as a space', () => {
    const commands = section(LEE, '이미지 명령어 정리');
    expect(commands.text).toContain('docker image history | 이미지를 이루는 레이어 이력 레이어별 크기');
    expect(commands.text.split('\n')).toContain('docker image ls | 로컬에 있는 이미지 목록');
  });

  it('makes <img src> an image resolved exactly like the same markdown image', () => {
    const union = section(LEE, '유니온 파일 시스템');
    const markdown = parseNotes(LEE, '## 유니온 파일 시스템\n![유니온 파일 시스템 구조](./images/union-fs.png)', {
      dir: SHAPES,
    });
    expect(union.images).toEqual(markdown[0]?.images);
    expect(union.images[0]).toMatchObject({
      src: './images/union-fs.png',
      absPath: path.join(SHAPES, 'docker-book/이서연/images/union-fs.png'),
      exists: true,
    });
    expect(section(LEE, '이미지 명령어 정리').images).toMatchObject([{ src: './images/layers.png', exists: false }]);
    const [outside] = parse('## x\n<img src="../../../etc/passwd">', 'a/b.md');
    expect(outside?.images).toEqual([
      { alt: '', src: '../../../etc/passwd', absPath: null, exists: false, outside: true },
    ]);
  });
});

describe('headings as exports write them', () => {
  it('starts a sub-section at a bold-only line, one level below the current heading', () => {
    expect(section(PARK, '도커 엔진')).toMatchObject({ depth: 3, path: ['설치', '도커 엔진'], line: 4 });
    expect(section(PARK, '도커 데스크톱')).toMatchObject({ depth: 3, parent: section(PARK, '설치').id });
    // A bold sentence is emphasis, not a heading: it stays in the text around it.
    expect(section(PARK, '도커 엔진').text).toContain('설치가 끝나면 꼭 docker version으로 확인하자.');
    expect(section(PARK, '도커 엔진').body).not.toContain('**도커 엔진**');
    // A lone bold line right under a heading is its lead; a series of them are sub-headings.
    const lead = parse(
      '# Docker ?\n\n**컨테이너 기반의 오픈소스 가상화 플랫폼**\n\n즉, 컨테이너를 쉽게 다루게 해 준다.',
    );
    expect(lead.map((s) => s.heading)).toEqual(['Docker ?']);
    expect(lead[0]?.text).toContain('컨테이너 기반의 오픈소스 가상화 플랫폼');
    // A bold line with nothing under it, and bold inside a list, stay text.
    expect(parse('## 이미지\n글\n\n**중요**\n## 다음\n글').map((s) => s.heading)).toEqual(['이미지', '다음']);
    expect(parse('## 기록\n- **총 독서 시간**: 2시간').map((s) => s.heading)).toEqual(['기록']);
  });

  it('starts a sub-section at a bold line alone in a quote, and keeps a quote with more in it as a callout', () => {
    const quoted = parse(
      [
        '# 도커 설치부터 실행까지',
        '',
        '> **도커 설치**',
        '',
        '- curl -s https://get.docker.com/ | sudo sh',
        '',
        '> **도커 기본 명령어**',
        '',
        '- docker logs 로 컨테이너 로그를 본다.',
        '',
        '> **주의**',
        '> 실행 중인 컨테이너는 지울 수 없다.',
      ].join('\n'),
    );
    expect(quoted.map((s) => s.heading)).toEqual(['도커 설치부터 실행까지', '도커 설치', '도커 기본 명령어']);
    expect(quoted[2]).toMatchObject({ depth: 2, parent: quoted[0]?.id });
    expect(quoted[2]?.text).toContain('실행 중인 컨테이너는 지울 수 없다.');
  });

  it('reads a heading broken across two lines as one heading, and a --- under a sentence as a rule', () => {
    const ports = section(PARK, '컨테이너 실행 시 포트와 디태치드 모드');
    expect(ports.line).toBe(16);
    expect(ports.body.startsWith('- `-p 8080:80`')).toBe(true);
    const diff = section(PARK, '도커 이미지와 컨테이너의 차이');
    expect(diff.text).toContain('여러 컨테이너가 함께 쓸 수 있다.');
    expect(inFile(PARK).some((s) => s.heading.startsWith('이미지는 한 번 만들면'))).toBe(false);
    // Two headings are two headings.
    expect(parse('## 도커 이미지와\n## 컨테이너\n글').map((s) => s.heading)).toEqual(['도커 이미지와', '컨테이너']);
    // A heading followed by its first sentence is not broken.
    expect(parse('## 실행 결과\n성공했다.').map((s) => s.heading)).toEqual(['실행 결과']);
    // A short statement closed by a period, above a rule, is the output's caption (not a heading with nothing under
    // it, which /notes gaps would list as a topic to write); a statement heading written with # stays a heading.
    const caption = parse(
      '## docker ps\n\n```\nUp 11 seconds\n```\n\n정상적으로 실행되는 것을 확인할 수 있다.\n---\n## 다음',
    );
    expect(caption.map((s) => s.heading)).toEqual(['docker ps', '다음']);
    expect(caption[0]?.text).toContain('정상적으로 실행되는 것을 확인할 수 있다.');
    expect(parse('## 모든 컨테이너는 독립된 파일 시스템을 갖는다.\n글').map((s) => s.heading)).toEqual([
      '모든 컨테이너는 독립된 파일 시스템을 갖는다.',
    ]);
    expect(parse('도커란?\n---\n글').map((s) => s.heading)).toEqual(['도커란?']);
  });
});

describe('who wrote it and which chapter', () => {
  it('knows each section’s author from the member folder or the front matter, never from a generic folder', () => {
    const authors = Object.fromEntries(
      [...new Set(index.sections.map((s) => s.file))].map((f) => [f, inFile(f)[0]?.author]),
    );
    expect(authors).toEqual({
      'docker-book/김규민/[Chapter 9] 쿠버네티스 기초.md': '김규민',
      [KIM]: '김규민',
      [PARK]: '박지훈',
      [LEE]: '이서연',
      'docker-book/정하늘/notes/[Chapter4, 5.7] 이미지와 볼륨.md': '정하늘',
      [CHOI]: '최민수',
      'gitbook/docs/도커 네트워크.md': '한지민',
      'hugo/k8s/파드.md': '오세훈',
      'redis-book/김규민/[10장][실시간 게임 순위표].md': '김규민',
    });
    expect(index.sections.every((s) => s.author === inFile(s.file)[0]?.author)).toBe(true);
    expect(authorOf('docker-study.md', null)).toBeNull();
    expect(authorOf('김규민/a.md', null)).toBeNull(); // one folder: the book's, or the member's? unknown
    expect(authorOf('book/images/a.md', null)).toBeNull();
    expect(authorOf('book/chapter4/a.md', null)).toBeNull();
    expect(authorOf('book/김규민/4장/a.md', null)).toBe('김규민');
    expect(authorOf('book/docs/a.md', { title: null, aliases: [], tags: [], author: '한지민', chapter: null })).toBe(
      '한지민',
    );
  });

  it('knows each section’s chapter from the file name, the front matter or a “Chapter N:” heading above it', () => {
    expect(
      [
        '[Chapter4] 도커 기초',
        '[Chapter 9] 쿠버네티스 기초',
        '[Chatper4] 도커 설치와 실행',
        '[Chapter5-7] 컨테이너 다루기',
        '[Chapter4, 5.7] 이미지와 볼륨',
        '[10장][실시간 게임 순위표]',
        'Chapter 04: 도커 볼륨',
        'ch.3 이미지',
        '제3장 이미지',
        '3.1 도커 이미지',
        'chmod 755',
        '2장에서 본 것',
      ].map(chapterOf),
    ).toEqual(['4', '9', '4', '5-7', '4, 5.7', '10', '4', '3', '3', null, null, null]);
    expect(section('docker-book/김규민/[Chapter 9] 쿠버네티스 기초.md', '쿠버네티스 구성 요소').chapter).toBe('9');
    expect(section('redis-book/김규민/[10장][실시간 게임 순위표].md', '정렬된 집합').chapter).toBe('10');
    expect(section('docker-book/정하늘/notes/[Chapter4, 5.7] 이미지와 볼륨.md', '볼륨 드라이버').chapter).toBe(
      '4, 5.7',
    );
    // Headings override the file name from where they stand, whatever their depth.
    expect(
      ['컨테이너 다루기', 'Chapter 5: 컨테이너 생명주기', '컨테이너 일시 정지', '바인드 마운트', '브리지 네트워크'].map(
        (h) => section(CHOI, h).chapter,
      ),
    ).toEqual(['5-7', '5', '5', '6', '7']);
    // A chapter heading with nothing under it marks where the chapter starts; it is no topic of its own.
    expect(section(CHOI, 'Chapter 6: 도커 볼륨').kind).toBe('record');
    expect(index.sections.filter((s) => s.file === 'docker-study.md')).toEqual([]);
  });

  it('gives the same plain-data sections on the parser’s thread and in the process', () => {
    const files = fixtureFiles().filter((f) => f.endsWith('.md'));
    const direct = buildIndex(
      files.map((file) => ({ file, text: readFileSync(path.join(SHAPES, file), 'utf8') })),
      { dir: SHAPES },
    );
    expect(index.sections).toEqual(direct.sections);
    // Plain data: what the worker sends (and the cache on disk stores) survives JSON unchanged, new fields included.
    expect(JSON.parse(JSON.stringify(index.sections))).toEqual(index.sections);
    for (const s of index.sections) {
      expect(Object.keys(s)).toEqual(expect.arrayContaining(['author', 'chapter', 'aliases', 'tags']));
    }
  });
});

describe('cli explain --json', () => {
  async function cli(args: string[]) {
    const { code, out } = await runCliCaptured(args);
    return { code, json: JSON.parse(out) as { results: Record<string, unknown>[] } };
  }

  it('carries author and chapter beside file, heading, path and line (null where unknown)', async () => {
    const { code, json } = await cli(['explain', 'upperdir lowerdir merged', '--notes', SHAPES, '--json']);
    expect(code).toBe(0);
    expect(json.results[0]).toMatchObject({
      heading: '유니온 파일 시스템',
      file: LEE,
      line: 13,
      author: '이서연',
      chapter: '4',
    });
    const bundled = await cli(['explain', '이미지 이름 규칙', '--json']);
    expect(bundled.json.results[0]).toMatchObject({ file: 'docker-study.md', author: null, chapter: null });
  });
});

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any
const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const buttonsOf = (r: InteractionResponse): Json[] =>
  ((r.message?.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);

describe('/explain over several members’ notes, through the fake Discord', () => {
  let h: BotHarness;
  beforeAll(async () => {
    const notes: Record<string, string | Uint8Array> = {};
    for (const file of fixtureFiles()) notes[file] = readFileSync(path.join(SHAPES, file));
    h = await startBotAgainstFake({ notes });
  });
  afterAll(async () => {
    await h?.close();
  });

  it('cites author and chapter, and opens the other members’ notes on the same topic from their buttons', async () => {
    const ix = await h.fake.sendCommand({ name: 'explain', options: { question: '유니온 파일 시스템' }, locale: 'ko' });
    const reply = await ix.waitForReply();
    const embed = embedOf(reply);
    expect(embed.title).toBe('유니온 파일 시스템');
    const footer = String(embed.footer.text);
    const best = footer.includes('이서연') ? '이서연' : '김규민';
    const other = best === '이서연' ? '김규민' : '이서연';
    expect(footer).toMatch(new RegExp(`^📄 ${best} · 4장 · 도커 기초 › 유니온 파일 시스템 · \\d+행$`));
    expect((embed.fields as Json[]).find((f) => f.name === '👥 다른 멤버의 노트')?.value).toContain(
      `${other} · 4장 · 도커 기초 › 유니온 파일 시스템`,
    );

    const members = buttonsOf(reply).filter((b) => ['김규민', '이서연', '박지훈'].includes(String(b.label)));
    expect(members.map((b) => b.label).sort()).toEqual([other, '박지훈'].sort());
    const rows = (reply.message?.components as Json[]).length;
    expect(rows).toBeLessThanOrEqual(5);

    const otherClick = await h.fake.clickButton({
      customId: String(members.find((b) => b.label === other)?.custom_id),
      message: reply.message,
    });
    const opened = embedOf(await otherClick.waitForReply());
    expect(opened.title).toBe('유니온 파일 시스템');
    expect(String(opened.footer.text)).toMatch(new RegExp(`^📄 ${other} · 4장 · 도커 기초 › 유니온 파일 시스템 · `));

    const questionClick = await h.fake.clickButton({
      customId: String(members.find((b) => b.label === '박지훈')?.custom_id),
      message: reply.message,
    });
    const question = embedOf(await questionClick.waitForReply());
    expect(question.footer.text).toBe('📄 ❓ 박지훈의 질문 · 4장 · 도커 설치와 실행 › 유니온 파일 시스템 · 33행');
    expect(question.description).toContain('바뀐 레이어만 전송하면');
    expect(h.fake.violations).toEqual([]);
  });

  it('cites in English for an English locale, a question as a member’s question', async () => {
    const ix = await h.fake.sendCommand({
      name: 'explain',
      options: { question: 'upperdir lowerdir' },
      locale: 'en-US',
    });
    const reply = await ix.waitForReply();
    expect(String(embedOf(reply).footer.text)).toMatch(
      /^📄 이서연 · ch\. 4 · 도커 기초 › 유니온 파일 시스템 · line 13$/,
    );
    const kimQuestion = h.bot.app.services.notes.index.sections.find(
      (s) => s.heading === '컨테이너를 지우면 쓰기 레이어는 어떻게 되나?',
    ) as Section;
    const click = await h.fake.clickButton({
      customId: `v1:explain.open:${sectionKey(kimQuestion)}`,
      message: reply.message,
      locale: 'en-US',
    });
    expect(embedOf(await click.waitForReply()).footer.text).toBe(
      "📄 ❓ 김규민's question · ch. 4 · 도커 기초 › 컨테이너를 지우면 쓰기 레이어는 어떻게 되나? · line 22",
    );
  });
});
