/**
 * A simulated study group for the meeting tests: five members linked to their notes folders, a book, four weekly
 * meetings (Tuesdays 20:00 KST, deadline 23:59 the night before), real SQLite with every migration, and the meeting
 * commands run through the real dispatcher. Notes are a real index built from markdown the test writes.
 */
import type { Reply } from '../../src/core/reply.js';
import { createRegistry, runCommand, runComponent } from '../../src/commands/dispatch.js';
import { meetingCommands, meetingComponentHandlers } from '../../src/commands/meeting/index.js';
import { studyCommands, studyComponents } from '../../src/commands/study/index.js';
import type { InteractionContext } from '../../src/commands/types.js';
import { setLink } from '../../src/group/links.js';
import { saveMeeting, type Meeting } from '../../src/group/schedule.js';
import { defaultDeadline } from '../../src/group/time.js';
import type { Locale } from '../../src/i18n/index.js';
import { parseRules, type Rules } from '../../src/meeting/rules.js';
import { buildIndex } from '../../src/notes/build.js';
import type { NotesIndex } from '../../src/notes/types.js';
import { parseBook } from '../../src/study/book.js';
import { rememberMember } from '../../src/study/store.js';
import { testEnv, type TestEnv } from '../support/context.js';

export const BOOK = parseBook(`title: 테스트 도커 책
key: test-docker
chapters:
  - number: 1
    title: 도커 소개
  - number: 2
    title: 도커의 구조
  - number: 3
    title: 이미지와 레이어
  - number: 4
    title: 컨테이너 라이프 사이클
`);

export const BOOK_KEY = 'test-docker';
export const TZ = 'Asia/Seoul';

/** Instant of a wall-clock time in Seoul (UTC+9, no DST). */
export const kst = (y: number, mo: number, d: number, h = 12, mi = 0) => Date.UTC(y, mo - 1, d, h - 9, mi);

export interface Member {
  id: string;
  name: string;
}

export const MEMBERS: Member[] = ['가영', '나래', '다은', '라희', '마루'].map((name, i) => ({
  id: String(700_000_000_000_000_001n + BigInt(i)),
  name,
}));
export const [GAYOUNG, NARAE, DAEUN, RAHEE, MARU] = MEMBERS as [Member, Member, Member, Member, Member];
export const ADMIN: Member = { id: '700000000000000999', name: '관리자' };

/** Week w's meeting starts Tuesday 1 + 7(w−1) December 2026, 20:00 KST. */
export const meetingStart = (week: number) => kst(2026, 12, 1 + 7 * (week - 1), 20);

const TOPICS: Record<number, [string, string][]> = {
  1: [
    ['컨테이너', '컨테이너는 호스트의 커널을 함께 쓰면서 프로세스를 격리해서 실행하는 단위예요.'],
    ['가상 머신', '가상 머신은 하이퍼바이저 위에서 게스트 운영체제를 통째로 실행하는 방식이에요.'],
    ['하이퍼바이저', '하이퍼바이저는 하드웨어를 나누어 여러 가상 머신에 나눠 주는 소프트웨어예요.'],
    ['네임스페이스', '네임스페이스는 프로세스가 볼 수 있는 자원의 범위를 나누는 리눅스 커널 기능이에요.'],
    ['컨트롤 그룹', '컨트롤 그룹은 프로세스 묶음이 쓰는 CPU와 메모리 양을 제한하는 커널 기능이에요.'],
  ],
  2: [
    ['도커 클라이언트', '도커 클라이언트는 docker 명령을 받아 도커 데몬의 API로 요청을 보내는 프로그램이에요.'],
    ['도커 데몬', '도커 데몬은 이미지와 컨테이너를 실제로 만들고 관리하는 백그라운드 서비스예요.'],
    ['도커 레지스트리', '도커 레지스트리는 이미지를 올리고 내려받는 저장소 서버예요.'],
    ['도커 호스트', '도커 호스트는 도커 데몬이 돌아가면서 컨테이너를 실행하는 컴퓨터예요.'],
  ],
  3: [
    ['이미지 레이어', '이미지 레이어는 Dockerfile의 명령 하나하나가 만든 읽기 전용 파일 시스템 변경분이에요.'],
    ['유니온 파일 시스템', '유니온 파일 시스템은 여러 레이어를 겹쳐서 하나의 파일 시스템처럼 보여 줘요.'],
    ['컨테이너 레이어', '컨테이너 레이어는 실행 중인 컨테이너가 쓰는 내용을 담는 쓰기 가능한 맨 위 레이어예요.'],
    ['이미지 태그', '이미지 태그는 같은 이미지 이름 안에서 버전을 구분하는 꼬리표예요.'],
  ],
  4: [
    ['컨테이너 생성', 'docker create는 이미지로 컨테이너를 만들기만 하고 실행하지는 않는 명령이에요.'],
    ['컨테이너 정지', 'docker stop은 메인 프로세스에 SIGTERM을 보내고 기다린 뒤 SIGKILL로 끝내는 명령이에요.'],
    ['컨테이너 삭제', 'docker rm은 멈춘 컨테이너와 그 쓰기 레이어를 지우는 명령이에요.'],
    ['컨테이너 재시작', 'docker restart는 컨테이너를 멈췄다가 같은 설정으로 다시 실행하는 명령이에요.'],
  ],
};

/** One member's notes file for a chapter, as group repositories keep them (`<book>/<member>/[ChapterN] 제목.md`). */
export function noteFile(member: string, chapter: number): { file: string; text: string } {
  const title = BOOK.chapters.find((c) => c.number === chapter)?.title ?? `${chapter}장`;
  const body = (TOPICS[chapter] ?? [])
    .map(([heading, text]) => `### ${heading}\n\n${text} (${member}의 정리)\n`)
    .join('\n');
  return {
    file: `docker/${member}/[Chapter${chapter}] ${title}.md`,
    text: `# ${title}\n\n## Chapter ${chapter}: ${title}\n\n${body}`,
  };
}

/** An index of the notes each member wrote: `written[name]` lists their chapters. */
export function notesOf(written: Record<string, number[]>): NotesIndex {
  const files = Object.entries(written).flatMap(([name, chapters]) => chapters.map((c) => noteFile(name, c)));
  return buildIndex(files, { dir: '/notes' });
}

export const RULES_ON = parseRules(`enabled: true
attendance: true
fines:
  late_notes:
    amount: 5000
    repeat: double
    max: 20000
  absence:
    amount: 5000
`);

export const RULES_OFF = parseRules('enabled: false\n');

export type CtxOverrides = Partial<Omit<InteractionContext, 't'>> & { locale?: Locale };

export interface GroupEnv extends TestEnv {
  meetings: Meeting[];
  setNotes(index: NotesIndex): void;
  run(
    name: string,
    sub: string | undefined,
    options?: Record<string, unknown>,
    as?: Member,
    admin?: boolean,
  ): Promise<Reply>;
  click(customId: string, as?: Member): Promise<Reply>;
  ctxFor(as: Member, admin?: boolean): InteractionContext;
}

/** The group: members linked to their notes authors, four meetings on chapters 1–4, and the given rules. */
export function groupEnv(options: { rules?: Rules; notes?: NotesIndex; weeks?: number } = {}): GroupEnv {
  const notes = { index: options.notes ?? notesOf({}) };
  const env = testEnv({
    notes: notes.index,
    env: { STUDY_TIMEZONE: TZ },
    extra: { study: { book: BOOK }, meeting: { rules: options.rules ?? RULES_OFF } },
  });
  // The services hold the store object, so swapping its index is what a notes reload does.
  (env.services as { notes: { index: NotesIndex } }).notes = notes;
  const { db } = env.services;
  const now = env.clock.now();
  for (const m of MEMBERS) {
    setLink(db, 'g1', m.id, m.name, m.id, now);
    rememberMember(db, 'g1', m.id, m.name, now);
  }
  const meetings: Meeting[] = [];
  for (let week = 1; week <= (options.weeks ?? 4); week++) {
    const startsAt = meetingStart(week);
    meetings.push(
      saveMeeting(
        db,
        'g1',
        {
          book: BOOK_KEY,
          seq: week,
          startsAt,
          deadlineAt: defaultDeadline(startsAt, TZ),
          chapters: [week],
          presenter: null,
          place: '강남역 스터디룸',
          voiceChannelId: null,
        },
        'set',
        now,
      ),
    );
  }
  const registry = createRegistry(
    [...meetingCommands, ...studyCommands],
    [...meetingComponentHandlers, ...studyComponents],
  );
  const ctxFor = (as: Member, admin = false) => env.ctx({ user: { id: as.id, name: as.name }, isAdmin: admin });
  return {
    ...env,
    meetings,
    setNotes(index) {
      notes.index = index;
    },
    ctxFor,
    run: (name, sub, opts = {}, as = GAYOUNG, admin = false) =>
      runCommand(registry, ctxFor(as, admin), { name, subcommand: sub, options: opts }),
    click: (customId, as = GAYOUNG) => runComponent(registry, ctxFor(as), customId),
  };
}

/** Every text of a reply (content, titles, descriptions, fields, footers) joined, for assertions. */
export function textOf(reply: Reply): string {
  const parts = [reply.content ?? ''];
  for (const e of reply.embeds ?? []) {
    parts.push(e.title ?? '', e.description ?? '', e.footer ?? '');
    for (const f of e.fields ?? []) parts.push(f.name, f.value);
  }
  return parts.join('\n');
}

export const buttonIds = (reply: Reply) =>
  (reply.buttons ?? []).flat().flatMap((b) => (b.customId ? [b.customId] : []));
