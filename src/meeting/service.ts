/**
 * The meeting's core (issue 13): the presenter pick, the meeting pack, the retrospective, attendance, excuses and
 * the fine ledger. No Discord here: handlers and the CLI pass the database, the clock, the book, the rules and a way
 * to read the week board (S's weekBoard), and get plain data back.
 */
import { randomBytes } from 'node:crypto';
import type { Clock, Db } from '../core/context.js';
import { UserError } from '../core/errors.js';
import { bookRowKeys, chaptersOfLabel } from '../group/week.js';
import { IN_PROGRESS_MS, listMeetings, nextMeeting, setPresenter, type Meeting } from '../group/schedule.js';
import { gapsBetween, type WeekGap } from '../notes/learning.js';
import type { NotesIndex, Section } from '../notes/types.js';
import { quizzableSections } from '../quiz/generate.js';
import { noteCardKey } from '../quiz/keys.js';
import { findChapter, type Book, type Chapter } from '../study/book.js';
import { addDays, dayOf } from '../study/time.js';
import { pickPresenter, samePerson, type PastTurn, type Person, type RankedCandidate } from './rotation.js';
import { activeRule, fineAmount, type FineKind, type Rules } from './rules.js';
import {
  sql,
  treasurerOf,
  type AttendanceRow,
  type ChargeRow,
  type ExcuseRow,
  type OpenQuestionRow,
  type PaymentRow,
} from './store.js';

/** What the meeting core needs of the week board (S's WeekMember is one). */
export interface BoardMember {
  name: string;
  userId: string | null;
  notes: readonly string[];
  /** Imported a filled study template for the chapters (counts as notes, like /week's hasNotes). */
  imported?: boolean;
  /** When the member's first note for the week arrived, when known (null or absent: unknown). */
  firstNoteAt?: number | null;
}

export interface MeetingDeps {
  db: Db;
  clock: Clock;
  book: Book;
  rules: Rules;
  groupTimeZone: string;
  notes: () => NotesIndex;
  /** The book a meeting's key names, when it is not the active one (src/group/books.ts storedBook). */
  bookOf?: (key: string) => Book | undefined;
  /** The week board's members for a meeting (src/group/week.ts weekBoard). */
  board: (meeting: Meeting) => readonly BoardMember[];
}

/** Whether a member has notes for the week: files in the repository or an imported template (as /week counts). */
export const hasNotes = (m: BoardMember) => m.notes.length > 0 || m.imported === true;

/** The `book` values of the rows of a meeting's book, as a JSON array for the store's queries. */
const bookKeys = (deps: MeetingDeps, guildId: string, meeting: Meeting) =>
  JSON.stringify(bookRowKeys(deps.db, guildId, meeting.book));

// ---------------------------------------------------------------------------------------------------------------
// Which meeting

/** The meeting a command is about: week `seq` of the current book when given, else the next one (in progress counts). */
export function resolveMeeting(deps: MeetingDeps, guildId: string, week?: number): Meeting {
  const now = deps.clock.now();
  const all = listMeetings(deps.db, guildId);
  if (week !== undefined) {
    const book = (nextMeeting(deps.db, guildId, now) ?? all.at(-1))?.book;
    const found = all.find((m) => m.book === book && m.seq === week);
    if (!found) throw new UserError('meeting.error.noWeek', { week });
    return found;
  }
  const next = nextMeeting(deps.db, guildId, now);
  if (!next) throw new UserError('meeting.error.noMeeting');
  return next;
}

/** The meeting that last started (for the retrospective), else the next one. */
export function lastStartedMeeting(deps: MeetingDeps, guildId: string, week?: number): Meeting {
  if (week !== undefined) return resolveMeeting(deps, guildId, week);
  const now = deps.clock.now();
  const started = listMeetings(deps.db, guildId).filter((m) => m.startsAt <= now);
  return started.at(-1) ?? resolveMeeting(deps, guildId);
}

export function chaptersOf(deps: Pick<MeetingDeps, 'book' | 'bookOf'>, meeting: Meeting): Chapter[] {
  const book = deps.bookOf?.(meeting.book) ?? deps.book;
  return meeting.chapters.map((n) => findChapter(book, n) ?? { number: n, title: '' });
}

// ---------------------------------------------------------------------------------------------------------------
// The presenter

/** A short random seed for a pick (shown in the reply; the same seed and candidates give the same pick). */
export function newSeed(): string {
  return randomBytes(4).toString('hex');
}

/** Every meeting of the guild before `meeting` (any book: the rotation goes on across books) with its presenter. */
function turnsBefore(deps: MeetingDeps, guildId: string, meeting: Meeting): PastTurn[] {
  return listMeetings(deps.db, guildId)
    .filter(
      (m) =>
        m.id !== meeting.id &&
        (m.startsAt < meeting.startsAt || (m.startsAt === meeting.startsAt && m.id < meeting.id)),
    )
    .flatMap((m) => (m.presenter ? [{ presenter: m.presenter, startsAt: m.startsAt, seq: m.seq }] : []));
}

export interface PickReport {
  meeting: Meeting;
  presenter: Person;
  candidates: RankedCandidate[];
  tied: Person[];
  seed: string;
  previous: Person | null;
  /** Written (false for a dry run). */
  saved: boolean;
}

/**
 * Picks the presenter of `meeting` by the rotation and saves it (setPresenter + the pick's history), unless `dryRun`.
 * A meeting that already has a presenter is picked again only with `again` (admins).
 */
export function pick(
  deps: MeetingDeps,
  guildId: string,
  meeting: Meeting,
  opts: { seed?: string | undefined; by: string; again?: boolean; dryRun?: boolean },
): PickReport {
  if (meeting.presenter && !opts.again && !opts.dryRun) {
    throw new UserError('meeting.error.alreadyPicked', { name: meeting.presenter.name, week: meeting.seq });
  }
  const seed = opts.seed?.trim() || newSeed();
  if (seed.length > 64) throw new UserError('meeting.error.seed');
  const candidates = deps
    .board(meeting)
    .filter(hasNotes)
    .map((m) => ({ userId: m.userId, name: m.name }));
  const history = turnsBefore(deps, guildId, meeting);
  const previous = history.reduce<PastTurn | null>((a, h) => (a === null || h.startsAt >= a.startsAt ? h : a), null);
  const outcome = pickPresenter({ candidates, history, previous: previous?.presenter ?? null, seed });
  if (!outcome.ok) {
    throw new UserError(
      outcome.reason === 'noCandidates' ? 'meeting.error.noCandidates' : 'meeting.error.onlyPrevious',
      {
        week: meeting.seq,
        name: previous?.presenter.name ?? '',
      },
    );
  }
  const report: PickReport = {
    meeting,
    presenter: outcome.presenter,
    candidates: outcome.candidates,
    tied: outcome.tied,
    seed,
    previous: previous?.presenter ?? null,
    saved: !opts.dryRun,
  };
  if (!opts.dryRun) {
    const reason = pickReason(report);
    deps.db
      .transaction(() => {
        setPresenter(deps.db, guildId, meeting.id, outcome.presenter);
        sql(deps.db).addPick.run(
          guildId,
          meeting.id,
          outcome.presenter.userId,
          outcome.presenter.name,
          'pick',
          seed,
          JSON.stringify(outcome.candidates),
          reason,
          opts.by,
          deps.clock.now(),
        );
      })
      .immediate();
  }
  return { ...report, meeting: { ...meeting, presenter: outcome.presenter } };
}

/** The pick's reason in plain English, for the history and `--json` (replies translate it from the report). */
export function pickReason(r: Pick<PickReport, 'presenter' | 'candidates' | 'tied' | 'seed' | 'previous'>): string {
  const chosen = r.candidates.find((c) => samePerson(c, r.presenter));
  const when = chosen?.lastSeq == null ? 'never presented' : `last presented in week ${chosen.lastSeq}`;
  const tie = r.tied.length > 1 ? `; tie of ${r.tied.length} broken by seed ${r.seed}` : '';
  const prev = r.previous ? `; ${r.previous.name} presented last time and was left out` : '';
  return `least recent presenter among ${r.candidates.length} with notes: ${when}${tie}${prev}`;
}

/** An admin's override: sets the presenter and keeps it in the history. */
export function overridePresenter(
  deps: MeetingDeps,
  guildId: string,
  meeting: Meeting,
  presenter: Person,
  by: string,
): Meeting {
  const name = presenter.name.trim().slice(0, 100);
  if (!name) throw new UserError('error.missingOption', { name: 'name' });
  const who = { userId: presenter.userId, name };
  deps.db
    .transaction(() => {
      setPresenter(deps.db, guildId, meeting.id, who);
      sql(deps.db).addPick.run(
        guildId,
        meeting.id,
        who.userId,
        who.name,
        'set',
        null,
        '[]',
        'set by an admin',
        by,
        deps.clock.now(),
      );
    })
    .immediate();
  return { ...meeting, presenter: who };
}

export interface PresenterTurn {
  seq: number;
  book: string;
  startsAt: number;
  presenter: Person | null;
  how: 'pick' | 'set' | null;
  seed: string | null;
}

/** Who presented (or will) at each meeting, with how the latest choice was made. */
export function presenterHistory(deps: MeetingDeps, guildId: string): PresenterTurn[] {
  return listMeetings(deps.db, guildId).map((m) => {
    const picks = sql(deps.db).picks.all(guildId, m.id) as { how: 'pick' | 'set'; seed: string | null }[];
    const last = picks.at(-1);
    return {
      seq: m.seq,
      book: m.book,
      startsAt: m.startsAt,
      presenter: m.presenter,
      how: last?.how ?? null,
      seed: last?.seed ?? null,
    };
  });
}

// ---------------------------------------------------------------------------------------------------------------
// The meeting pack

export interface ChapterConfusion {
  chapter: Chapter;
  /** Mean of the members' current ratings, null when nobody rated it. */
  mean: number | null;
  ratings: number;
  /** What members wrote as the hard part (current ratings). */
  hardParts: { userId: string; text: string }[];
}

export interface SectionConfusion {
  section: Pick<Section, 'file' | 'path' | 'heading' | 'chapter'>;
  /** "Again" answers (wrong quiz answers, forgotten review cards) across members. */
  lapses: number;
  members: number;
}

export interface MeetingPack {
  meeting: Meeting;
  chapters: Chapter[];
  questions: OpenQuestionRow[];
  misses: { gaps: WeekGap[]; total: number; from: string; to: string };
  chaptersByRating: ChapterConfusion[];
  sections: SectionConfusion[];
  members: { name: string; userId: string | null; notes: number; imported: boolean }[];
  quizTopic: string | null;
  attendance: AttendanceRow[] | null;
}

export const PACK_MISSES = 10;
export const PACK_SECTIONS = 5;

/** The agenda of a meeting, from what the group recorded. */
export function meetingPack(deps: MeetingDeps, guildId: string, meeting: Meeting): MeetingPack {
  const s = sql(deps.db);
  const chapters = chaptersOf(deps, meeting);
  const chapterJson = JSON.stringify(meeting.chapters);
  const all = s.questionsFor.all(guildId, bookKeys(deps, guildId, meeting), chapterJson) as OpenQuestionRow[];
  const questions = all.filter((q) => q.doneAt === null);
  const earlier = listMeetings(deps.db, guildId)
    .filter((m) => m.startsAt < meeting.startsAt)
    .at(-1);
  const to = dayOf(meeting.startsAt, deps.groupTimeZone);
  const from = earlier ? addDays(dayOf(earlier.startsAt, deps.groupTimeZone), 1) : addDays(to, -6);
  const misses = { ...gapsBetween(deps.db, guildId, from, to, PACK_MISSES), from, to };

  const ratings = s.ratingsFor.all(guildId, bookKeys(deps, guildId, meeting), chapterJson) as {
    userId: string;
    chapter: number;
    stars: number;
    hardPart: string | null;
  }[];
  const chaptersByRating: ChapterConfusion[] = chapters
    .map((chapter) => {
      const mine = ratings.filter((r) => r.chapter === chapter.number);
      const mean = mine.length === 0 ? null : mine.reduce((a, r) => a + r.stars, 0) / mine.length;
      const hardParts = mine.flatMap((r) => (r.hardPart ? [{ userId: r.userId, text: r.hardPart }] : []));
      return { chapter, mean, ratings: mine.length, hardParts };
    })
    .sort((a, b) => (a.mean ?? 6) - (b.mean ?? 6) || a.chapter.number - b.chapter.number);

  const index = deps.notes();
  const want = new Set(meeting.chapters);
  const byKey = new Map<string, Section>();
  for (const sec of index.sections) {
    if (sec.kind !== 'concept') continue;
    if (!chaptersOfLabel(sec.chapter).some((n) => want.has(n))) continue;
    byKey.set(noteCardKey(sec), sec);
  }
  const lapseRows = s.lapses.all(guildId) as { cardKey: string; lapses: number; members: number }[];
  const sections: SectionConfusion[] = lapseRows
    .flatMap((r) => {
      const sec = byKey.get(r.cardKey);
      return sec ? [{ section: sec, lapses: r.lapses, members: r.members }] : [];
    })
    .sort((a, b) => b.lapses - a.lapses || b.members - a.members || a.section.heading.localeCompare(b.section.heading))
    .slice(0, PACK_SECTIONS);

  const members = deps
    .board(meeting)
    .map((m) => ({ name: m.name, userId: m.userId, notes: m.notes.length, imported: m.imported === true }));
  const attendance = deps.rules.attendance ? (s.attendance.all(guildId, meeting.id) as AttendanceRow[]) : null;
  return {
    meeting,
    chapters,
    questions,
    misses,
    chaptersByRating,
    sections,
    members,
    quizTopic: quizTopicFor(index, chapters),
    attendance,
  };
}

/**
 * The quiz topic that keeps a quiz on the week's chapters: the first of a chapter's title, `Chapter N`, `N장` that
 * some quizzable heading path contains (the quiz filters by heading path). Null when the notes name none of them:
 * the quiz then draws from all the notes.
 */
export function quizTopicFor(index: NotesIndex, chapters: readonly Chapter[]): string | null {
  let best: { topic: string; n: number } | null = null;
  for (const c of chapters) {
    for (const topic of [c.title, `Chapter ${c.number}`, `${c.number}장`]) {
      if (!topic) continue;
      const n = quizzableSections(index, topic).length;
      if (n > 0 && (best === null || n > best.n)) best = { topic, n };
    }
  }
  return best?.topic ?? null;
}

export const QUIZ_COUNT = 5;

// ---------------------------------------------------------------------------------------------------------------
// Attendance and excuses

/** Marks a member present (pressing "참석" twice keeps the first time). Returns false when they already were. */
export function attend(
  deps: MeetingDeps,
  guildId: string,
  meeting: Meeting,
  user: { id: string; name: string },
  source: AttendanceRow['source'] = 'button',
): boolean {
  if (!deps.rules.attendance) throw new UserError('meeting.error.rulesOff');
  const now = deps.clock.now();
  // Open from a day before the meeting until it is over.
  if (now < meeting.startsAt - 86_400_000 || now > meeting.startsAt + IN_PROGRESS_MS) {
    throw new UserError('meeting.error.attendClosed', { week: meeting.seq });
  }
  const r = sql(deps.db).attend.run(guildId, meeting.id, user.id, user.name.slice(0, 100) || user.id, source, now);
  return r.changes > 0;
}

export function attendanceOf(deps: MeetingDeps, guildId: string, meeting: Meeting): AttendanceRow[] {
  return sql(deps.db).attendance.all(guildId, meeting.id) as AttendanceRow[];
}

export function excusesOf(deps: MeetingDeps, guildId: string, meeting: Meeting): ExcuseRow[] {
  return sql(deps.db).excuses.all(guildId, meeting.id) as ExcuseRow[];
}

/** Records an excuse; it waives the meeting's fines only when asked before the note deadline. */
export function excuse(
  deps: MeetingDeps,
  guildId: string,
  meeting: Meeting,
  userId: string,
  reason: string | undefined,
): { excused: boolean; row: ExcuseRow } {
  if (!deps.rules.enabled) throw new UserError('meeting.error.rulesOff');
  const text = reason?.replace(/\s+/g, ' ').trim().slice(0, 500) || null;
  const row = sql(deps.db).excuse.get(guildId, meeting.id, userId, text, deps.clock.now()) as ExcuseRow;
  return { excused: excuses(deps.rules, meeting, row), row };
}

const excuses = (rules: Rules, meeting: Meeting, e: ExcuseRow | undefined) =>
  e !== undefined && rules.excuse === 'before_deadline' && e.createdAt < meeting.deadlineAt;

// ---------------------------------------------------------------------------------------------------------------
// Fines

/** Whether fines apply to a meeting: rules on, and its deadline on or after the rules' `since` day. */
function finesApply(deps: MeetingDeps, meeting: Meeting): boolean {
  if (!deps.rules.enabled) return false;
  const since = deps.rules.since;
  return since === null || dayOf(meeting.deadlineAt, deps.groupTimeZone) >= since;
}

/**
 * Assesses the fines of every meeting whose time has come, oldest first, each phase once: late notes once the
 * deadline has passed (from the week board at that moment: notes missing, or known to have arrived after the
 * deadline), absence once the meeting is over (nobody pressed "참석" for them; no absence at all for a meeting where
 * nobody did, since attendance was not taken). Idempotent: an assessed phase is never
 * assessed again, and a fine's UNIQUE key stops a second row even under a race. Returns the fines written now.
 */
export function assessFines(deps: MeetingDeps, guildId: string): ChargeRow[] {
  if (!deps.rules.enabled) return [];
  const now = deps.clock.now();
  const s = sql(deps.db);
  const written: ChargeRow[] = [];
  for (const meeting of listMeetings(deps.db, guildId)) {
    if (!finesApply(deps, meeting)) continue;
    const phases: { phase: 'notes' | 'attendance'; kind: FineKind; due: boolean }[] = [
      { phase: 'notes', kind: 'late_notes', due: now >= meeting.deadlineAt },
      { phase: 'attendance', kind: 'absence', due: now >= meeting.startsAt + IN_PROGRESS_MS },
    ];
    for (const { phase, kind, due } of phases) {
      const rule = activeRule(deps.rules, kind);
      if (!rule || !due || s.assessed.get(guildId, meeting.id, phase)) continue;
      const members = deps.board(meeting).filter((m): m is BoardMember & { userId: string } => m.userId !== null);
      const excused = new Map(excusesOf(deps, guildId, meeting).map((e) => [e.userId, e]));
      const present = new Set(attendanceOf(deps, guildId, meeting).map((a) => a.userId));
      // Nobody pressed "참석" at all: attendance was not taken that week (no pack posted, the bot was down), and
      // fining the whole group for it would be wrong. The phase is marked assessed with no fines.
      const untaken = kind === 'absence' && present.size === 0;
      deps.db
        .transaction(() => {
          if (s.assessed.get(guildId, meeting.id, phase)) return;
          for (const m of untaken ? [] : members) {
            if (excuses(deps.rules, meeting, excused.get(m.userId))) continue;
            const fined =
              kind === 'late_notes'
                ? !hasNotes(m) || (m.firstNoteAt != null && m.firstNoteAt > meeting.deadlineAt)
                : !present.has(m.userId);
            if (!fined) continue;
            const nth = (s.countCharges.get(guildId, m.userId, kind) as { n: number }).n + 1;
            const amount = fineAmount(rule, nth);
            const r = s.addCharge.run(
              guildId,
              meeting.id,
              m.userId,
              m.name.slice(0, 100) || m.userId,
              kind,
              nth,
              amount,
              now,
            );
            if (r.changes > 0) {
              written.push({
                id: Number(r.lastInsertRowid),
                meetingId: meeting.id,
                userId: m.userId,
                name: m.name,
                kind,
                nth,
                amount,
                assessedAt: now,
              });
            }
          }
          s.markAssessed.run(guildId, meeting.id, phase, now);
        })
        .immediate();
    }
  }
  return written;
}

export interface LedgerRow {
  userId: string;
  name: string;
  owed: number;
  paid: number;
  balance: number;
  charges: ChargeRow[];
}

/** Per member: fines owed, paid and the balance (fines first assessed, so the ledger is current). */
export function ledger(
  deps: MeetingDeps,
  guildId: string,
  names: ReadonlyMap<string, string> = new Map(),
): LedgerRow[] {
  assessFines(deps, guildId);
  const s = sql(deps.db);
  const rows = new Map<string, LedgerRow>();
  const row = (userId: string, name?: string) => {
    let r = rows.get(userId);
    if (!r) {
      r = { userId, name: names.get(userId) ?? name ?? userId, owed: 0, paid: 0, balance: 0, charges: [] };
      rows.set(userId, r);
    }
    return r;
  };
  for (const c of s.charges.all(guildId) as ChargeRow[]) {
    const r = row(c.userId, c.name);
    r.owed += c.amount;
    r.charges.push(c);
  }
  for (const p of s.payments.all(guildId) as PaymentRow[]) row(p.userId).paid += p.amount;
  for (const r of rows.values()) r.balance = r.owed - r.paid;
  return [...rows.values()].sort((a, b) => b.balance - a.balance || a.name.localeCompare(b.name));
}

/** The treasurer (총무) of the guild: the one admins set, else the rules file's. */
export function treasurer(deps: MeetingDeps, guildId: string): string | null {
  return treasurerOf(deps.db, guildId) ?? deps.rules.treasurer;
}

export function setTreasurer(deps: MeetingDeps, guildId: string, userId: string | null): void {
  sql(deps.db).setTreasurer.run(guildId, userId, deps.clock.now());
}

/** Records a payment; only the treasurer or an admin may. */
export function recordPayment(
  deps: MeetingDeps,
  guildId: string,
  by: { userId: string; isAdmin: boolean; roles?: readonly string[] | undefined },
  userId: string,
  amount: number,
): PaymentRow {
  if (!deps.rules.enabled) throw new UserError('meeting.error.rulesOff');
  const role = deps.rules.treasurerRole;
  const byRole = role !== null && (by.roles ?? []).includes(role);
  if (!by.isAdmin && !byRole && treasurer(deps, guildId) !== by.userId)
    throw new UserError('meeting.error.notTreasurer');
  if (!Number.isSafeInteger(amount) || amount < 1 || amount > 100_000_000) {
    throw new UserError('meeting.error.amount');
  }
  const now = deps.clock.now();
  const r = sql(deps.db).addPayment.run(guildId, userId, amount, by.userId, now);
  return { id: Number(r.lastInsertRowid), userId, amount, recordedBy: by.userId, createdAt: now };
}
