/**
 * The template's understanding check: stars per chapter with the hard part, why, and insight.
 * Every rating is kept; re-rating reports the change against the previous one.
 */
import { UserError } from '../core/errors.js';
import type { Chapter } from './book.js';
import type { StudyDeps } from './deps.js';
import { requireChapter } from './logs.js';
import { currentRating, insertRating } from './store.js';
import { oneLine } from './template.js';

export const TEXT_MAX = 1000;

export interface RateInput {
  guildId: string;
  userId: string;
  chapter: string;
  stars: number;
  hardPart?: string | undefined;
  why?: string | undefined;
  insight?: string | undefined;
}

export interface RateResult {
  id: number;
  chapter: Chapter;
  stars: number;
  previous: number | null;
  hardPart: string | null;
  why: string | null;
  insight: string | null;
}

export function cleanText(value: string | undefined, name: string): string | null {
  if (value === undefined) return null;
  const text = oneLine(value);
  if (text.length > TEXT_MAX) throw new UserError('error.optionTooLong', { name, max: TEXT_MAX });
  return text || null;
}

export function requireStars(stars: number): number {
  if (!Number.isInteger(stars) || stars < 1 || stars > 5) {
    throw new UserError('study.error.stars', { input: String(stars).slice(0, 10) });
  }
  return stars;
}

export function rateChapter(deps: StudyDeps, input: RateInput): RateResult {
  const stars = requireStars(input.stars);
  const chapter = requireChapter(deps, input.chapter);
  const hardPart = cleanText(input.hardPart, 'hard_part');
  const why = cleanText(input.why, 'why');
  const insight = cleanText(input.insight, 'insight');
  return deps.db
    .transaction(() => {
      const prev = currentRating(deps.db, input.guildId, input.userId, chapter.number);
      // Texts not given again carry over from the previous rating, so a re-rating does not drop them from the template.
      const texts = {
        hardPart: hardPart ?? prev?.hardPart ?? null,
        why: why ?? prev?.why ?? null,
        insight: insight ?? prev?.insight ?? null,
      };
      const id = insertRating(deps.db, {
        guildId: input.guildId,
        userId: input.userId,
        chapter: chapter.number,
        stars,
        ...texts,
        source: 'rate',
        createdAt: deps.clock.now(),
      });
      return { id, chapter, stars, previous: prev?.stars ?? null, ...texts };
    })
    .immediate();
}
