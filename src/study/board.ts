/**
 * The group board (`/group`): only what the embed and the PNG show. A Discord embed and a chart hold a couple dozen
 * members at most, so the board reads the top of each ranking from an index (migration 004's rollups, kept by
 * triggers), counts the rest over the same index, and fetches stars for the shown members only. Its cost is close to
 * flat in the number of members and independent of the number of log rows.
 */
import type { Db } from '../core/context.js';
import type { Book } from './book.js';
import { perConnection } from '../db/statements.js';
import { sql as store } from './store.js';
import { monthStart, weekStart, type Day } from './time.js';

export type Period = 'week' | 'month' | 'all';
export const PERIODS: readonly Period[] = ['week', 'month', 'all'];

/** Leaderboard lines in the embed. */
export const BOARD_TOP = 15;
/** Member columns in the star matrix (embed and PNG). */
export const BOARD_COLUMNS = 12;

export interface RankedMember {
  userId: string;
  name: string;
  minutes: number;
}

export interface GroupBoard {
  period: Period;
  from: Day | null;
  to: Day;
  /** The top members by time in the period (at most `top`), most minutes first, then by name. */
  leaderboard: RankedMember[];
  /** How many members have time in the period (the leaderboard may show fewer). */
  ranked: number;
  /** The viewer's place when they have time in the period but are not on the shown leaderboard. */
  viewer: (RankedMember & { rank: number }) | null;
  /** The matrix columns (at most `columns`): leaderboard order, then other members with a log or rating by name. */
  members: { userId: string; name: string }[];
  /** How many members have at least one log or rating (the matrix may show fewer). */
  memberCount: number;
  /**
   * One row per chapter (book chapters plus rated extras): stars of the shown members (same order as `members`);
   * `average` and `ratings` count every member's current rating, shown or not.
   */
  matrix: { chapter: number; title: string; stars: (number | null)[]; average: number | null; ratings: number }[];
  openQuestions: number;
}

export interface BoardOptions {
  /** The member asking: their rank is included when they are below the shown leaderboard. */
  viewer?: string;
  top?: number;
  columns?: number;
}

interface StarRow {
  userId: string;
  chapter: number;
  stars: number;
}

interface NamedRow {
  userId: string;
  minutes: number;
  name: string | null;
}

/** Ranking statements over one rollup table; `scope` selects the rows of one guild (and period). */
function rankingStatements(db: Db, table: string, scope: string) {
  const named = `SELECT t.user_id AS userId, t.minutes AS minutes, m.display_name AS name FROM ${table} AS t
    LEFT JOIN study_members AS m ON m.guild_id = t.guild_id AND m.user_id = t.user_id WHERE ${scope}`;
  return {
    /** The minutes of the member at a given offset in rank order (the cut for the top N). */
    cut: db.prepare(`SELECT t.minutes FROM ${table} AS t WHERE ${scope} AND t.minutes > 0
      ORDER BY t.minutes DESC LIMIT 1 OFFSET ?`),
    atLeast: db.prepare(`${named} AND t.minutes >= ? ORDER BY t.minutes DESC`),
    tied: db.prepare(`${named} AND t.minutes = ?`),
    count: db.prepare(`SELECT count(*) AS n FROM ${table} AS t WHERE ${scope} AND t.minutes > 0`),
    above: db.prepare(`SELECT count(*) AS n FROM ${table} AS t WHERE ${scope} AND t.minutes > ?`),
    one: db.prepare(`SELECT t.minutes FROM ${table} AS t WHERE ${scope} AND t.user_id = ?`),
  };
}

function statements(db: Db) {
  return {
    all: rankingStatements(db, 'study_member_totals', 't.guild_id = ?'),
    period: rankingStatements(db, 'study_period_totals', 't.guild_id = ? AND t.period = ?'),
    everyone: db.prepare<[string]>(
      `SELECT t.user_id AS userId, m.display_name AS name FROM study_member_totals AS t
       LEFT JOIN study_members AS m ON m.guild_id = t.guild_id AND m.user_id = t.user_id WHERE t.guild_id = ?`,
    ),
    memberCount: db.prepare<[string]>('SELECT count(*) AS n FROM study_member_totals WHERE guild_id = ?'),
    // SQLite returns the bare columns of the row holding max(id): each shown member's current rating per chapter.
    stars: db.prepare<[string, string]>(
      `SELECT user_id AS userId, chapter, stars, max(id) AS _latest FROM study_ratings
       WHERE guild_id = ? AND user_id IN (SELECT value FROM json_each(?))
         AND study_ratings.book = coalesce((SELECT b.book FROM group_books AS b
           WHERE b.guild_id = study_ratings.guild_id AND b.active = 1), study_ratings.book)
       GROUP BY user_id, chapter`,
    ),
    chapterStars: db.prepare<[string]>(
      'SELECT chapter, ratings, stars FROM study_chapter_stars WHERE guild_id = ? AND ratings > 0',
    ),
  };
}

const sql = perConnection(statements);

const named = (r: { userId: string; name: string | null }) => r.name ?? r.userId;

/** Matrix fill order: by name, then by id so equal names are stable. */
function byName(a: { userId: string; name: string }, b: { userId: string; name: string }): number {
  return a.name.localeCompare(b.name) || (a.userId < b.userId ? -1 : a.userId > b.userId ? 1 : 0);
}

/** Board order: most minutes first, then by name. */
function byRank(a: RankedMember, b: RankedMember): number {
  return b.minutes - a.minutes || byName(a, b);
}

function ranking(stmts: ReturnType<typeof rankingStatements>, scope: string[]) {
  const toMember = (r: NamedRow): RankedMember => ({ userId: r.userId, name: named(r), minutes: r.minutes });
  return {
    /** The first `n` in board order: every member at or above the n-th one's minutes, ordered, cut to n. */
    top(n: number): RankedMember[] {
      if (n <= 0) return [];
      const cut = stmts.cut.get(...scope, n - 1) as { minutes: number } | undefined;
      const rows = stmts.atLeast.all(...scope, cut?.minutes ?? 1) as NamedRow[];
      return rows.map(toMember).sort(byRank).slice(0, n);
    },
    count: () => (stmts.count.get(...scope) as { n: number }).n,
    /** 1-based place in board order, or null without time in the period. */
    place(userId: string): (RankedMember & { rank: number }) | null {
      const row = stmts.one.get(...scope, userId) as { minutes: number } | undefined;
      if (!row || row.minutes <= 0) return null;
      const above = (stmts.above.get(...scope, row.minutes) as { n: number }).n;
      const tied = (stmts.tied.all(...scope, row.minutes) as NamedRow[]).map(toMember);
      const me = tied.find((r) => r.userId === userId);
      if (!me) return null;
      return { ...me, rank: above + tied.filter((r) => byRank(r, me) < 0).length + 1 };
    },
  };
}

export function periodKey(period: Period, today: Day): string | null {
  if (period === 'week') return `W:${weekStart(today)}`;
  if (period === 'month') return `M:${today.slice(0, 7)}`;
  return null;
}

export function groupBoard(
  db: Db,
  book: Book,
  guildId: string,
  period: Period,
  today: Day,
  options: BoardOptions = {},
): GroupBoard {
  const s = sql(db);
  const top = Math.max(0, options.top ?? BOARD_TOP);
  const columns = Math.max(0, options.columns ?? BOARD_COLUMNS);
  const from = period === 'week' ? weekStart(today) : period === 'month' ? monthStart(today) : null;
  const key = periodKey(period, today);
  const rank = key === null ? ranking(s.all, [guildId]) : ranking(s.period, [guildId, key]);

  // Fetch enough of the ranking for both the leaderboard and the matrix columns.
  const head = rank.top(Math.max(top, columns));
  const leaderboard = head.slice(0, top);
  const ranked = head.length < Math.max(top, columns) ? head.length : rank.count();
  const viewer =
    options.viewer !== undefined && !leaderboard.some((r) => r.userId === options.viewer)
      ? rank.place(options.viewer)
      : null;

  const members = head.slice(0, columns).map(({ userId, name }) => ({ userId, name }));
  if (members.length < columns) {
    // Fewer members with time in the period than columns: the whole ranking is in `head`; fill up with the
    // other members by name (a scan of the guild's members, only on a quiet board).
    const shown = new Set(members.map((m) => m.userId));
    const others = (s.everyone.all(guildId) as { userId: string; name: string | null }[])
      .filter((r) => !shown.has(r.userId))
      .map((r) => ({ userId: r.userId, name: named(r) }))
      .sort(byName);
    members.push(...others.slice(0, columns - members.length));
  }
  const memberCount = (s.memberCount.get(guildId) as { n: number }).n;

  const column = new Map(members.map((m, i) => [m.userId, i]));
  const ids = members.map((m) => m.userId);
  const starRows = ids.length === 0 ? [] : (s.stars.all(guildId, JSON.stringify(ids)) as StarRow[]);
  const perChapter = new Map(
    (s.chapterStars.all(guildId) as { chapter: number; ratings: number; stars: number }[]).map((r) => [r.chapter, r]),
  );
  const titles = new Map(book.chapters.map((c) => [c.number, c.title]));
  const chapters = [...new Set<number>([...titles.keys(), ...perChapter.keys()])].sort((a, b) => a - b);
  const matrix = chapters.map((chapter) => {
    const stars: (number | null)[] = members.map(() => null);
    for (const r of starRows) if (r.chapter === chapter) stars[column.get(r.userId) ?? 0] = r.stars;
    const agg = perChapter.get(chapter);
    const ratings = agg?.ratings ?? 0;
    return {
      chapter,
      title: titles.get(chapter) ?? '',
      stars,
      average: agg && ratings > 0 ? agg.stars / ratings : null,
      ratings,
    };
  });
  const open = store(db).countOpenQuestions.get(guildId) as { n: number };
  return {
    period,
    from,
    to: today,
    leaderboard,
    ranked,
    viewer,
    members,
    memberCount,
    matrix,
    openQuestions: open.n,
  };
}

/** Chapters with ratings, lowest average first: what the group finds hardest. */
export function hardestChapters(board: GroupBoard, limit = 3): GroupBoard['matrix'] {
  return board.matrix
    .filter((r) => r.average !== null)
    .sort((a, b) => (a.average ?? 0) - (b.average ?? 0) || a.chapter - b.chapter)
    .slice(0, limit);
}
