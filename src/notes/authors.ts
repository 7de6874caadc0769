/**
 * What a notes file's path says about it: who wrote it (the member folder) and which chapter it is (its name or its
 * folders). Apart from the parser so the bot's thread can read an author (the repository's fallback, the loader's
 * member folders) without loading markdown-it, which only the parser's thread needs.
 */
import { chapterOf, collapse } from './headings.js';
import type { FrontMatter } from './frontmatter.js';

/** Folder names that group notes without naming who wrote them (`_` and `-` read as spaces, any case). */
const GENERIC_FOLDERS = new Set([
  'images',
  'image',
  'img',
  'imgs',
  'assets',
  'asset',
  'attachments',
  'files',
  'resources',
  'static',
  'media',
  'notes',
  'note',
  'docs',
  'doc',
  'documents',
  'src',
  'md',
  'markdown',
  'wiki',
  'study',
  'studies',
  'common',
  'shared',
  'archive',
  'draft',
  'drafts',
  'tmp',
  'temp',
  'misc',
  'etc',
  'book',
  'books',
  'exercise',
  'exercises',
  'excercise',
  'example',
  'examples',
  'practice',
  'lab',
  'labs',
  'docker',
  'kubernetes',
  'k8s',
  'cka',
  'ckad',
  '이미지',
  '노트',
  '정리',
  '내용 정리',
  '문서',
  '첨부',
  '스터디',
  '실습',
  '발표',
  '도커',
  '쿠버네티스',
]);
/** `week 2`, `sv-week2`, `chapter4`, `3주차`, `1week`, `4장`: a period of the study, not a person. */
const PERIOD_FOLDER =
  /^(?:[a-z]+ )?(?:week|wk|chapters?|chatper|ch|part|day|session|round|lecture|sprint|챕터)\s*\d+$|^\d+\s*(?:주차|주|장|일차|회차|weeks?|wk)$/u;

const folderWords = (name: string) => collapse(name.toLowerCase().replace(/[_-]+/g, ' '));
const isPeriodFolder = (name: string) => PERIOD_FOLDER.test(folderWords(name)) || chapterOf(name) !== null;
function isGenericFolder(name: string): boolean {
  const words = folderWords(name);
  return (
    words === '' ||
    GENERIC_FOLDERS.has(words) ||
    words.includes('자료') ||
    /^[\d\s.]+$/.test(words) ||
    isPeriodFolder(name)
  );
}

/**
 * Who wrote a file: the front matter's `author`, else the member folder. Group repositories keep one folder per member
 * below one per book, chapter or week (`<book>/<member>/<file>`, `chapter18/cwlee/…`, `2week/개인_스터디_자료/목포/…`,
 * with the member's own topic folders below it), so the member is the outermost folder below the top one that is not
 * a generic `images`, `docs`, `chapter4`, `week 2`, `…자료`; or the top one when everything below it is a period of the
 * study (`최은소/week 2/…`). A file with fewer than two folders has no author from its path: its one folder may as
 * well be the book.
 */
export function authorOf(file: string, meta: FrontMatter | null): string | null {
  if (meta?.author) return meta.author;
  const folders = file
    .split('/')
    .slice(0, -1)
    .map((f) => collapse(f));
  if (folders.length < 2) return null;
  for (const folder of folders.slice(1)) if (!isGenericFolder(folder)) return folder;
  const top = folders[0] ?? '';
  return !isGenericFolder(top) && folders.slice(1).every(isPeriodFolder) ? top : null;
}

/** A file's chapter from its front matter, its name, or its folders (innermost first). */
export function fileChapter(file: string, meta: FrontMatter | null): string | null {
  if (meta?.chapter) return chapterOf(meta.chapter) ?? chapterOf(`chapter ${meta.chapter}`) ?? meta.chapter;
  const parts = file.split('/');
  const name = (parts.pop() ?? '').replace(/\.md$/i, '');
  for (const part of [name, ...parts.reverse()]) {
    const chapter = chapterOf(part);
    if (chapter !== null) return chapter;
  }
  return null;
}

/** The first number of a chapter (`5-7` → 5, `4, 5.7` → 4), or of a week (`week5`, `5주차`). */
function periodNumber(name: string): number | null {
  const chapter = chapterOf(name);
  const m = /(\d+)/.exec(chapter ?? (PERIOD_FOLDER.test(folderWords(name)) ? folderWords(name) : ''));
  return m ? Number(m[1]) : null;
}

/**
 * Member folders at the top of the notes folder, when it is one book's folder (`김규민/[Chapter4] 도커 기초.md`,
 * `이서연/[Chapter 4] 도커 기초.md`): top folders, none of them generic, that each hold a chapter or week file
 * (directly or below generic folders such as `notes/`) and share that chapter or week with another such folder, as
 * the members of one group write the same chapters.
 * `authorOf` alone cannot tell whether a path's one folder is a book or a member; the whole folder can.
 */
export function membersAtTop(files: readonly string[]): ReadonlySet<string> {
  // Which top folders hold each chapter or week: one pass over the files, so a hostile tree costs linear time.
  const folders = new Map<number, Set<string>>();
  for (const file of files) {
    const folder = topFolderOf(file);
    if (folder === null || isGenericFolder(folder)) continue;
    const period = periodNumber((file.split('/').at(-1) ?? '').replace(/\.md$/i, ''));
    if (period === null) continue;
    let holding = folders.get(period);
    if (!holding) folders.set(period, (holding = new Set()));
    holding.add(folder);
  }
  const members = new Set<string>();
  for (const holding of folders.values()) if (holding.size >= 2) for (const folder of holding) members.add(folder);
  return members;
}

/**
 * The top folder of a file that sits in one, directly or below folders that name no one (`정하늘/notes/…`,
 * `한지수/week 2/…`); null for a file at the top or below a folder that names someone.
 */
function topFolderOf(file: string): string | null {
  const parts = file.split('/');
  if (parts.length < 2 || !parts.slice(1, -1).every((folder) => isGenericFolder(collapse(folder)))) return null;
  return collapse(parts[0] ?? '');
}

/** The member folder a file sits in, when `members` (membersAtTop) says its top folder is one. */
export function topMemberOf(file: string, members: ReadonlySet<string>): string | null {
  const folder = topFolderOf(file);
  return folder !== null && members.has(folder) ? folder : null;
}
