/**
 * Template export and import. Import records only what the template adds to the member's records (more minutes
 * on a chapter, a different rating, a question not asked yet), so importing one's own export records nothing and
 * export → import → export gives the same records.
 */
import { randomBytes } from 'node:crypto';
import { checkMarkdown, TEMPLATE_LIMITS, type LimitBreach } from '../markdown/limits.js';
import { ParseLimitError, sharedMarkdownPool, type MarkdownPool } from '../markdown/pool.js';
import { UserError } from '../core/errors.js';
import { findChapter } from './book.js';
import { memberToday, type StudyDeps } from './deps.js';
import { MAX_ENTRY_MINUTES } from './duration.js';
import { TEXT_MAX } from './ratings.js';
import { addQuestion, chapterTotals, currentRatings, insertLog, insertRating, memberQuestions, sql } from './store.js';
import {
  oneLine,
  renderTemplate,
  type ImportWarning,
  type ParsedTemplate,
  type TemplateData,
  type TemplateQuestion,
  type TemplateRating,
} from './template.js';

export function templateData(deps: StudyDeps, guildId: string, userId: string, header: string): TemplateData {
  const times = [...chapterTotals(deps.db, guildId, userId)].map(([chapter, minutes]) => ({ chapter, minutes }));
  const ratings = [...currentRatings(deps.db, guildId, userId).values()].map(
    ({ chapter, stars, hardPart, why, insight }) => ({ chapter, stars, hardPart, why, insight }),
  );
  const questions = memberQuestions(deps.db, guildId, userId).map((q) => ({
    chapter: q.chapter,
    text: q.text,
    done: q.doneAt !== null,
  }));
  return { header, times, ratings, questions };
}

export function exportTemplate(deps: StudyDeps, guildId: string, userId: string, header: string): string {
  return renderTemplate(templateData(deps, guildId, userId, header));
}

export interface ImportPlan {
  /** Minutes to add per chapter (split into entries of at most 24 h when applied). */
  logs: { chapter: number; minutes: number }[];
  ratings: (TemplateRating & { previous: number | null })[];
  questions: TemplateQuestion[];
  warnings: ImportWarning[];
}

export const IMPORT_MAX_BYTES = TEMPLATE_LIMITS.bytes;

export function isEmptyPlan(plan: ImportPlan): boolean {
  return plan.logs.length === 0 && plan.ratings.length === 0 && plan.questions.length === 0;
}

/**
 * What importing `markdown` would record for this member; writes nothing. The upload is parsed on the parser's
 * thread (src/markdown/pool.ts): one that runs out of time or memory there is a UserError, and nothing is imported.
 */
export async function planImport(
  deps: StudyDeps,
  guildId: string,
  userId: string,
  markdown: string,
  pool: MarkdownPool = sharedMarkdownPool(),
): Promise<ImportPlan> {
  let parsed;
  try {
    parsed = await pool.parseTemplate(markdown);
  } catch (error) {
    if (error instanceof ParseLimitError) throw new UserError('study.error.import.unreadable');
    throw error;
  }
  return planFromParsed(deps, guildId, userId, parsed);
}

/** The plan for a template already parsed (by the parser's thread, or by a test with parseTemplate). */
export function planFromParsed(deps: StudyDeps, guildId: string, userId: string, parsed: ParsedTemplate): ImportPlan {
  const warnings = [...parsed.warnings];
  const known = (chapter: number) => {
    if (findChapter(deps.book, chapter)) return true;
    warnings.push({ key: 'study.import.warn.unknownChapter', params: { chapter } });
    return false;
  };

  const totals = chapterTotals(deps.db, guildId, userId);
  const logs: ImportPlan['logs'] = [];
  for (const [chapter, minutes] of [...parsed.minutes].sort((a, b) => a[0] - b[0])) {
    if (!known(chapter)) continue;
    const have = totals.get(chapter) ?? 0;
    if (minutes > have) logs.push({ chapter, minutes: minutes - have });
    else if (minutes < have) warnings.push({ key: 'study.import.warn.less', params: { chapter, minutes, have } });
  }

  const current = currentRatings(deps.db, guildId, userId);
  const ratings: ImportPlan['ratings'] = [];
  for (const [chapter, r] of [...parsed.ratings].sort((a, b) => a[0] - b[0])) {
    if (!known(chapter)) continue;
    const now = current.get(chapter);
    const stars = r.stars ?? now?.stars ?? null;
    if (stars === null) {
      warnings.push({ key: 'study.import.warn.noStars', params: { chapter } });
      continue;
    }
    const clip = (t: string | null) => (t === null ? null : oneLine(t).slice(0, TEXT_MAX));
    const next = {
      chapter,
      stars,
      hardPart: clip(r.hardPart) ?? now?.hardPart ?? null,
      why: clip(r.why) ?? now?.why ?? null,
      insight: clip(r.insight) ?? now?.insight ?? null,
    };
    const same =
      now &&
      now.stars === next.stars &&
      now.hardPart === next.hardPart &&
      now.why === next.why &&
      now.insight === next.insight;
    if (!same) ratings.push({ ...next, previous: now?.stars ?? null });
  }

  const asked = new Set(memberQuestions(deps.db, guildId, userId).map((q) => `${q.chapter}|${q.text}`));
  const questions: TemplateQuestion[] = [];
  for (const q of parsed.questions) {
    if (q.chapter !== null && !known(q.chapter)) continue;
    const text = oneLine(q.text).slice(0, TEXT_MAX);
    const key = `${q.chapter}|${text}`;
    if (asked.has(key)) continue;
    asked.add(key);
    questions.push({ chapter: q.chapter, text, done: q.done });
  }
  return { logs, ratings, questions, warnings };
}

export interface ImportCounts {
  entries: number;
  minutes: number;
  ratings: number;
  questions: number;
}

/** Records a plan in one transaction. Imported time is dated today but counts only toward chapter totals. */
export function applyImport(deps: StudyDeps, guildId: string, userId: string, plan: ImportPlan): ImportCounts {
  const day = memberToday(deps, guildId, userId);
  const createdAt = deps.clock.now();
  const counts: ImportCounts = { entries: 0, minutes: 0, ratings: 0, questions: 0 };
  deps.db
    .transaction(() => {
      for (const { chapter, minutes } of plan.logs) {
        for (let left = minutes; left > 0; left -= MAX_ENTRY_MINUTES) {
          const part = Math.min(left, MAX_ENTRY_MINUTES);
          insertLog(deps.db, { guildId, userId, chapter, minutes: part, day, memo: null, source: 'import', createdAt });
          counts.entries++;
          counts.minutes += part;
        }
      }
      for (const r of plan.ratings) {
        const { chapter, stars, hardPart, why, insight } = r;
        insertRating(deps.db, { guildId, userId, chapter, stars, hardPart, why, insight, source: 'import', createdAt });
        counts.ratings++;
      }
      for (const q of plan.questions) {
        addQuestion(deps.db, { guildId, userId, chapter: q.chapter, text: q.text, createdAt, done: q.done });
        counts.questions++;
      }
    })
    .immediate();
  return counts;
}

/** The member-facing reason for a template upload past one of the bounds in TEMPLATE_LIMITS. */
function limitError(breach: LimitBreach): UserError {
  switch (breach.limit) {
    case 'bytes':
      return new UserError('study.error.import.tooBig', { kb: breach.max / 1024 });
    case 'lines':
      return new UserError('study.error.import.tooManyLines', { max: breach.max });
    case 'longestLine':
      return new UserError('study.error.import.lineTooLong', { line: breach.line ?? 0, max: breach.max });
    case 'delimitersPerParagraph':
      return new UserError('study.error.import.tooManyDelimiters', { line: breach.line ?? 0, max: breach.max });
    case 'containerMarkers':
      return new UserError('study.error.import.tooComplex', { max: breach.max });
  }
}

/** Reads an uploaded template: UTF-8 text within TEMPLATE_LIMITS (checked before any parsing). */
export function decodeTemplate(data: Buffer): string {
  if (data.length === 0) throw new UserError('study.error.import.empty');
  if (data.length > IMPORT_MAX_BYTES) throw new UserError('study.error.import.tooBig', { kb: IMPORT_MAX_BYTES / 1024 });
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(data);
  } catch {
    throw new UserError('study.error.import.notText');
  }
  if (text.includes('\u0000')) throw new UserError('study.error.import.notText');
  const breach = checkMarkdown(text, TEMPLATE_LIMITS);
  if (breach) throw limitError(breach);
  return text.replace(/^\uFEFF/, '');
}

// ---------------------------------------------------------------------------------------------------------------
// Pending imports, waiting for the confirm button (kept in SQLite so a restart does not lose them)

export const PENDING_TTL_MS = 30 * 60 * 1000;

export function savePending(deps: StudyDeps, guildId: string, userId: string, plan: ImportPlan): string {
  const now = deps.clock.now();
  const id = randomBytes(6).toString('base64url');
  const s = sql(deps.db);
  s.purgePending.run(now - PENDING_TTL_MS);
  s.savePending.run(id, guildId, userId, JSON.stringify(plan), now);
  return id;
}

/**
 * Takes the pending plan and records it in one transaction: if recording fails (database busy, disk full), the plan
 * stays pending and the member can press Confirm again instead of uploading the file anew.
 */
export function confirmImport(deps: StudyDeps, guildId: string, userId: string, id: string): ImportCounts {
  return deps.db
    .transaction(() => applyImport(deps, guildId, userId, takePending(deps, guildId, userId, id)))
    .immediate();
}

/** The pending plan, removed from the table; only the member who uploaded it may take it. */
export function takePending(deps: StudyDeps, guildId: string, userId: string, id: string): ImportPlan {
  const s = sql(deps.db);
  return deps.db
    .transaction(() => {
      const owner = s.peekPending.get(id, guildId) as { userId: string } | undefined;
      if (!owner) throw new UserError('study.error.import.expired');
      if (owner.userId !== userId) throw new UserError('error.notYours');
      const row = s.takePending.get(id, guildId) as { plan: string; createdAt: number };
      if (deps.clock.now() - row.createdAt > PENDING_TTL_MS) throw new UserError('study.error.import.expired');
      return JSON.parse(row.plan) as ImportPlan;
    })
    .immediate();
}
