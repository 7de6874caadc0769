/**
 * `/week`: for one meeting's chapters, what each member has brought — notes in the repository (from the notes
 * index, by author and chapter, or an imported study template), reading time logged, chapters rated, questions.
 * Plain data; src/commands/group/week.ts draws it and `week --json` prints it.
 */
import type { Db } from '../core/context.js';
import type { Section } from '../notes/types.js';
import { allLinks, normalizeAuthor } from './links.js';
import type { Meeting } from './schedule.js';

export interface WeekMember {
  /** Display name: the linked Discord member's name, else the notes author name. */
  name: string;
  /** Linked Discord user, null for an unlinked notes author. */
  userId: string | null;
  /** The notes author this member writes as (linked, or the author itself), null for a member with no link. */
  author: string | null;
  /** Note files (relative paths) for the meeting's chapters. */
  notes: string[];
  sections: number;
  /** The member imported a filled study template for those chapters (/template import): counts as notes. */
  imported: boolean;
  /** Reading time logged for those chapters. */
  minutes: number;
  /** Rating given for those chapters (mean of the member's current ratings), null if none. */
  stars: number | null;
  /** /question entries for those chapters. */
  questions: number;
  /**
   * When the member's notes for these chapters first appeared: the earliest commit that added one of the files, when
   * the notes come from the group's repository (NOTES_GIT_URL); null otherwise (a folder keeps no such time).
   */
  firstNoteAt: number | null;
}

export interface WeekBoard {
  meeting: Meeting;
  members: WeekMember[];
}

export interface WeekDeps {
  db: Db;
  notes: { readonly sections: readonly Section[] };
  /** The repository's files with the time each was added (src/repo `files()`), when the notes come from git. */
  files?: readonly { path: string; addedAt: number | null }[] | undefined;
}

/** The earliest time one of `files` was added, or null when none is known. */
function firstAdded(files: Iterable<string>, addedAt: ReadonlyMap<string, number | null>): number | null {
  let first: number | null = null;
  for (const file of files) {
    const at = addedAt.get(file) ?? null;
    if (at !== null && (first === null || at < first)) first = at;
  }
  return first;
}

/** The chapter numbers a section's chapter label covers: `4` → 4, `5-7` → 5, 6, 7, `4, 5.7` → 4, 5. */
export function chaptersOfLabel(label: string | null): number[] {
  if (!label) return [];
  const out = new Set<number>();
  for (const part of label.split(/[,，/]/)) {
    const range = /^\s*(\d{1,3})(?:\.\d+)?\s*[-~–]\s*(\d{1,3})(?:\.\d+)?\s*$/.exec(part);
    if (range) {
      const [a, b] = [Number(range[1]), Number(range[2])];
      // A range is bounded (the label comes from a file name): at most 50 chapters.
      for (let n = Math.min(a, b); n <= Math.max(a, b) && n - Math.min(a, b) < 50; n++) out.add(n);
      continue;
    }
    const one = /^\s*(\d{1,3})(?:\.\d+)?\s*$/.exec(part);
    if (one) out.add(Number(one[1]));
  }
  return [...out];
}

/** The values of `book` a guild's rows for this book carry: the key, and '' while the guild's rows are unclaimed. */
export function bookRowKeys(db: Db, guildId: string, book: string): string[] {
  const active = db.prepare('SELECT book FROM group_books WHERE guild_id = ? AND active = 1').get(guildId) as
    { book: string } | undefined;
  return !active || active.book === book ? [book, ''] : [book];
}

interface Activity {
  userId: string;
  minutes: number;
  imported: number;
  stars: number | null;
  questions: number;
}

export function weekBoard(deps: WeekDeps, guildId: string, meeting: Meeting): WeekBoard {
  const { db } = deps;
  const chapters = new Set(meeting.chapters);
  const keys = JSON.stringify(bookRowKeys(db, guildId, meeting.book));
  const chapterList = JSON.stringify(meeting.chapters);

  // Notes: every author the notes name is a member of the group; their files for these chapters.
  const byAuthor = new Map<string, { files: Set<string>; sections: number }>();
  for (const s of deps.notes.sections) {
    if (!s.author) continue;
    const author = normalizeAuthor(s.author);
    let entry = byAuthor.get(author);
    if (!entry) {
      entry = { files: new Set(), sections: 0 };
      byAuthor.set(author, entry);
    }
    if (s.kind === 'record' || s.empty) continue;
    if (!chaptersOfLabel(s.chapter).some((c) => chapters.has(c))) continue;
    entry.files.add(s.file);
    entry.sections++;
  }

  const activity = db
    .prepare(
      `WITH b(book) AS (SELECT value FROM json_each(@keys)), c(chapter) AS (SELECT value FROM json_each(@chapters)),
       logs AS (SELECT user_id, sum(minutes) AS minutes, sum(source = 'import') AS imported FROM study_logs
                WHERE guild_id = @guildId AND book IN b AND chapter IN c GROUP BY user_id),
       latest AS (SELECT user_id, stars, source, max(id) FROM study_ratings
                  WHERE guild_id = @guildId AND book IN b AND chapter IN c GROUP BY user_id, chapter),
       stars AS (SELECT user_id, avg(stars) AS stars, sum(source = 'import') AS imported FROM latest GROUP BY user_id),
       qs AS (SELECT user_id, count(*) AS questions FROM study_questions
              WHERE guild_id = @guildId AND book IN b AND chapter IN c GROUP BY user_id),
       members AS (SELECT user_id FROM logs UNION SELECT user_id FROM stars UNION SELECT user_id FROM qs
                   UNION SELECT user_id FROM study_logs WHERE guild_id = @guildId AND book IN b
                   UNION SELECT user_id FROM study_ratings WHERE guild_id = @guildId AND book IN b
                   UNION SELECT user_id FROM study_questions WHERE guild_id = @guildId AND book IN b)
       SELECT m.user_id AS userId, coalesce(logs.minutes, 0) AS minutes,
              coalesce(logs.imported, 0) + coalesce(stars.imported, 0) AS imported,
              stars.stars AS stars, coalesce(qs.questions, 0) AS questions
       FROM members AS m LEFT JOIN logs ON logs.user_id = m.user_id LEFT JOIN stars ON stars.user_id = m.user_id
       LEFT JOIN qs ON qs.user_id = m.user_id`,
    )
    .all({ guildId, keys, chapters: chapterList }) as Activity[];
  const byUser = new Map(activity.map((a) => [a.userId, a]));

  const names = new Map(
    (
      db
        .prepare('SELECT user_id AS userId, display_name AS name FROM study_members WHERE guild_id = ?')
        .all(guildId) as {
        userId: string;
        name: string;
      }[]
    ).map((r) => [r.userId, r.name]),
  );
  const links = allLinks(db, guildId); // author → userId
  const authorOf = new Map([...links].map(([author, userId]) => [userId, author]));

  const addedAt = new Map((deps.files ?? []).map((f) => [f.path, f.addedAt]));
  const members: WeekMember[] = [];
  const userIds = new Set<string>([...byUser.keys(), ...links.values()]);
  for (const userId of userIds) {
    const author = authorOf.get(userId) ?? null;
    const notes = author ? byAuthor.get(author) : undefined;
    const a = byUser.get(userId);
    members.push({
      name: names.get(userId) ?? author ?? userId,
      userId,
      author,
      notes: notes ? [...notes.files].sort() : [],
      sections: notes?.sections ?? 0,
      imported: (a?.imported ?? 0) > 0,
      minutes: a?.minutes ?? 0,
      stars: a?.stars === null || a?.stars === undefined ? null : Math.round(a.stars * 10) / 10,
      questions: a?.questions ?? 0,
      firstNoteAt: notes ? firstAdded(notes.files, addedAt) : null,
    });
  }
  for (const [author, notes] of byAuthor) {
    if (links.has(author)) continue;
    members.push({
      name: author,
      userId: null,
      author,
      notes: [...notes.files].sort(),
      sections: notes.sections,
      imported: false,
      minutes: 0,
      stars: null,
      questions: 0,
      firstNoteAt: firstAdded(notes.files, addedAt),
    });
  }
  members.sort((x, y) => x.name.localeCompare(y.name, 'ko') || (x.userId ?? '').localeCompare(y.userId ?? ''));
  return { meeting, members };
}

/** Whether a member has notes for the week: files in the repository or an imported template. */
export function hasNotes(m: WeekMember): boolean {
  return m.notes.length > 0 || m.imported;
}

/** The notes authors the index names (for /link's autocomplete), sorted. */
export function notesAuthors(notes: { readonly sections: readonly Section[] }): string[] {
  const set = new Set<string>();
  for (const s of notes.sections) if (s.author) set.add(normalizeAuthor(s.author));
  return [...set].sort((a, b) => a.localeCompare(b, 'ko'));
}
