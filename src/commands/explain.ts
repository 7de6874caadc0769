/**
 * /explain: answers a concept question from the group's notes, citing author · chapter · file › heading path · line
 * (file › heading path · line for notes with neither). Buttons page a long section ("more"), open related sections and
 * the other members' notes on the same topic; not found → the nearest headings as buttons.
 */
import { createHash } from 'node:crypto';
import path from 'node:path';
import { UserError } from '../core/errors.js';
import { imageKind, withImageExtension, type ImageKind } from '../core/images.js';
import { uploadLimitOf } from '../core/limits.js';
import { readFileInside, safeFileName } from '../core/paths.js';
import type { Button, Embed, Reply, ReplyFile } from '../core/reply.js';
import { paginate, truncate } from '../core/text.js';
import { chapterOf, topicKey } from '../notes/headings.js';
import type { NoteImage, NotesIndex, SearchHit, SearchResult, Section } from '../notes/types.js';
import { encodeCustomId } from './customId.js';
import {
  addFeedback,
  learnedSearch,
  questionArg,
  questionPart,
  suggestionCustomId,
  type FeedbackView,
} from './explainLearning.js';
import {
  defineCommand,
  describe,
  koName,
  OptionType,
  type ComponentHandler,
  type InteractionContext,
} from './types.js';

/** Room for the author line, footer and fields inside Discord's 6000-character embed budget. */
const PAGE_SIZE = 3500;
const NOTES_COLOR = 0x2496ed; // Docker blue

export const explainData = {
  name: 'explain',
  ...koName('설명'),
  ...describe('cmd.explain.description'),
  options: [
    {
      type: OptionType.String,
      name: 'question',
      ...koName('질문'),
      ...describe('cmd.explain.question'),
      required: true,
      autocomplete: true,
      max_length: 1000,
    },
    { type: OptionType.Boolean, name: 'hide', ...koName('숨기기'), ...describe('cmd.explain.hide') },
  ],
} as const;

/** A short key for a section that survives a notes reload as long as its file and heading path stay. */
export function sectionKey(section: Section): string {
  return createHash('sha256')
    .update(`${section.file}\u0000${section.path.join('\u0000')}`)
    .digest('base64url')
    .slice(0, 12);
}

const keyCache = new WeakMap<NotesIndex, Map<string, Section>>();

export function findByKey(index: NotesIndex, key: string): Section | undefined {
  let map = keyCache.get(index);
  if (!map) {
    map = new Map();
    for (const s of index.sections) {
      const own = sectionKey(s);
      if (!map.has(own)) map.set(own, s);
    }
    keyCache.set(index, map);
  }
  return map.get(key);
}

/**
 * The body as Discord shows it. Discord does not render markdown images, and the image itself is attached,
 * so each `![alt](src)` the parser found is removed by its exact text.
 */
function sectionText(ctx: InteractionContext, index: NotesIndex, section: Section): string {
  let body = section.body;
  for (const img of section.images) body = body.split(`![${img.alt}](${img.src})`).join('');
  body = body.replace(/\n{3,}/g, '\n\n').trim();
  if (body) return body;
  const children = section.children.map((id) => index.get(id)).filter((s): s is Section => s !== undefined);
  if (children.length === 0) return '';
  return [ctx.t('explain.onlySubsections'), '', ...children.map((c) => `• **${c.displayHeading}**`)].join('\n');
}

/** Files already warned about, so a bad link is logged once per process, not on every /explain. */
const warnedImages = new Set<string>();

function warnOnce(ctx: InteractionContext, section: Section, img: NoteImage, reason: string): void {
  const key = `${reason}\u0000${img.absPath ?? `${section.file}\u0000${img.src}`}`;
  if (warnedImages.has(key)) return;
  warnedImages.add(key);
  ctx.services.logger.warn(
    { file: section.file, line: section.line, src: truncate(img.src, 200), reason },
    'explain: note image not attached',
  );
}

/** An attachment name for an image: its own file name, made safe, with the extension its bytes call for. */
function attachmentName(absPath: string, kind: ImageKind, taken: readonly ReplyFile[]): string {
  const name = withImageExtension(safeFileName(path.basename(absPath).replace(/[^\w.-]/g, '_'), 'image'), kind);
  let unique = name;
  for (let n = 2; taken.some((f) => f.name === unique); n++) unique = `${n}-${name}`;
  return unique;
}

/**
 * The images a section links, read now (not at parse time: files and symlinks change). An image is attached only
 * when its real path lies inside the real notes folder, it is a regular file, its bytes are PNG/JPEG/GIF/WebP and it
 * fits what is left of the reply's upload limit. Every other link is named in the reply and logged once.
 */
function imageParts(ctx: InteractionContext, section: Section): { files: ReplyFile[]; notes: string[] } {
  const files: ReplyFile[] = [];
  const notes: string[] = [];
  const root = ctx.services.notes.index.dir;
  const seen = new Set<string>();
  let left = uploadLimitOf(ctx.attachmentSizeLimit);
  for (const img of section.images) {
    if (img.absPath === null && !img.outside) {
      notes.push(ctx.t('explain.imageRemote', { src: img.src }));
      continue;
    }
    const src = truncate(img.src, 200);
    const read = img.absPath === null ? null : readFileInside(root, img.absPath, left);
    if (read?.ok && seen.has(read.realPath)) continue;
    const kind = read?.ok ? imageKind(read.data) : null;
    if (read?.ok && kind) {
      seen.add(read.realPath);
      left -= read.data.length;
      files.push({ name: attachmentName(img.absPath as string, kind, files), data: read.data, description: img.alt });
      continue;
    }
    const reason = read === null ? 'outside' : read.ok ? 'not-image' : read.reason;
    if (reason === 'too-large') notes.push(ctx.t('explain.imageTooLarge', { src }));
    else if (reason === 'missing') notes.push(ctx.t('explain.imageMissing', { src }));
    else notes.push(ctx.t('explain.imageNotAttached', { src }));
    if (reason !== 'too-large') warnOnce(ctx, section, img, reason);
  }
  return { files, notes };
}

/** `[Chapter4] 도커 기초.md` → `도커 기초`, `[10장][실시간 게임 순위표].md` → `실시간 게임 순위표`. */
function fileLabel(file: string): string {
  const base = path.posix.basename(file).replace(/\.md$/i, '');
  let name = base;
  for (let m = /^\[([^\]]*)\]\s*/.exec(name); m && chapterOf(m[1] ?? '') !== null; m = /^\[([^\]]*)\]\s*/.exec(name))
    name = name.slice(m[0].length);
  name = name.replace(/^\[([^\]]+)\]$/, '$1').trim();
  return name === '' ? base : name;
}

/**
 * Where a section comes from, for the footer: `김규민 · 4장 · 도커 기초` (who, which chapter, which file) and its heading
 * path without the template's labels (내용 정리, 특별히 궁금했던 부분). A member's question reads `❓ 김규민의 질문`.
 * Notes with neither author nor chapter keep the plain file path.
 */
function citation(ctx: InteractionContext, index: NotesIndex, section: Section): { file: string; path: string } {
  const chain: Section[] = [];
  for (let id = section.parent; id !== null;) {
    const ancestor = index.get(id);
    if (!ancestor) break;
    chain.unshift(ancestor);
    id = ancestor.parent;
  }
  const ancestors = chain.slice(chain.length - (section.path.length - 1));
  const shownPath = section.path.filter((_, i) => i === section.path.length - 1 || !ancestors[i]?.genericHeading);
  const who =
    section.kind === 'question'
      ? section.author
        ? ctx.t('explain.questionBy', { author: section.author })
        : ctx.t('explain.questionByMember')
      : section.author;
  const chapter = section.chapter === null ? null : ctx.t('explain.chapter', { chapter: section.chapter });
  const known = section.author !== null || chapter !== null;
  const parts = [who, chapter, known ? fileLabel(section.file) : section.file].filter((p): p is string => !!p);
  return { file: parts.join(' · '), path: shownPath.join(' › ') };
}

function citationLine(ctx: InteractionContext, index: NotesIndex, section: Section): string {
  const { file, path: headings } = citation(ctx, index, section);
  return `${file} › ${headings}`;
}

const topicCache = new WeakMap<NotesIndex, Map<string, Section[]>>();

/** The same topic (heading) written up by other members: at most one section per other author, at most four. */
function otherMembers(index: NotesIndex, section: Section): Section[] {
  let byTopic = topicCache.get(index);
  if (!byTopic) {
    byTopic = new Map();
    for (const s of index.sections) {
      if (s.kind === 'record' || s.empty || s.genericHeading || s.author === null) continue;
      const topic = topicKey(s.heading);
      if (topic === '') continue;
      let list = byTopic.get(topic);
      if (!list) byTopic.set(topic, (list = []));
      list.push(s);
    }
    topicCache.set(index, byTopic);
  }
  if (section.kind === 'record' || section.genericHeading) return [];
  const seen = new Set<string | null>([section.author]);
  const out: Section[] = [];
  for (const s of byTopic.get(topicKey(section.heading)) ?? []) {
    if (out.length >= 4) break;
    if (seen.has(s.author)) continue;
    seen.add(s.author);
    out.push(s);
  }
  return out;
}

export interface SectionView extends FeedbackView {
  page?: number;
  ephemeral?: boolean;
  others?: readonly SearchHit[];
}

/** The embed, files and buttons showing one page of a section. */
export function sectionReply(ctx: InteractionContext, section: Section, view: SectionView = {}): Reply {
  const index = ctx.services.notes.index;
  const pages = paginate(sectionText(ctx, index, section), PAGE_SIZE);
  const pageCount = pages.length;
  const page = Math.min(Math.max(1, view.page ?? 1), pageCount);
  const key = sectionKey(section);
  const footerParams = {
    ...citation(ctx, index, section),
    line: section.line,
    page,
    pages: pageCount,
  };
  const embed: Embed = {
    title: section.displayHeading,
    description: pages[page - 1] ?? '',
    color: NOTES_COLOR,
    footer: truncate(ctx.t(pageCount > 1 ? 'explain.pageFooter' : 'explain.footer', footerParams), 2048),
    fields: [],
  };
  if (section.path.length > 1) embed.author = section.path.slice(0, -1).join(' › ');
  const members = otherMembers(index, section);

  let files: ReplyFile[] = [];
  if (page === 1) {
    const images = imageParts(ctx, section);
    files = images.files;
    if (images.files[0]) embed.image = images.files[0].name;
    if (images.notes.length > 0) embed.description = `${embed.description}\n\n${images.notes.join('\n')}`;
    const others = (view.others ?? []).filter((h) => h.section.id !== section.id).slice(0, 3);
    if (others.length > 0) {
      embed.fields?.push({
        name: ctx.t('explain.otherResults'),
        value: others.map((h) => `• ${h.section.path.join(' › ')}`).join('\n'),
      });
    }
    if (members.length > 0) {
      embed.fields?.push({
        name: ctx.t('explain.otherMembers'),
        value: members.map((s) => `• ${citationLine(ctx, index, s)}`).join('\n'),
      });
    }
  }

  const buttons: Button[][] = [];
  if (pageCount > 1) {
    const nav: Button[] = [];
    if (page > 1) {
      nav.push({
        customId: encodeCustomId('explain.page', key, page - 1, ...questionPart(view)),
        label: ctx.t('common.previous'),
        emoji: '◀️',
      });
    }
    if (page < pageCount) {
      nav.push({
        customId: encodeCustomId('explain.page', key, page + 1, ...questionPart(view)),
        label: `${ctx.t('common.more')} (${page + 1}/${pageCount})`,
        style: 'primary',
        emoji: '📖',
      });
    }
    buttons.push(nav);
  }
  const related = index.related(section.id, 3);
  if (related.length > 0) {
    buttons.push(
      related.map((s) => ({
        customId: encodeCustomId('explain.open', sectionKey(s)),
        label: s.heading,
        style: 'secondary' as const,
        emoji: '🔗',
      })),
    );
  }
  // The same topic in other members' notes, one button each (Discord refuses a custom id twice in one message).
  const taken = new Set(buttons.flat().map((b) => b.customId));
  const memberRow = members
    .map((s) => ({
      customId: encodeCustomId('explain.open', sectionKey(s)),
      label: s.author ?? '',
      style: 'secondary' as const,
      emoji: s.kind === 'question' ? '❓' : '👤',
    }))
    .filter((b) => !taken.has(b.customId));
  if (memberRow.length > 0) buttons.push(memberRow);
  const reply: Reply = { embeds: [embed], buttons, ephemeral: view.ephemeral ?? false };
  if (files.length > 0) reply.files = files;
  return addFeedback(ctx, reply, key, view);
}

/**
 * How the question was read, when the search read some words as others (`dlalwl` → 이미지, `kublet` → kubelet): the
 * member sees what was searched for, as a search engine says "showing results for".
 */
function readingLine(ctx: InteractionContext, readAs: SearchResult['readAs']): string | null {
  if (!readAs || readAs.length === 0) return null;
  const shown = readAs
    .slice(0, 3)
    .map((r) => `\`${truncate(r.from, 40)}\` → **${truncate(r.to, 40)}**`)
    .join(', ');
  return ctx.t('explain.readAs', { readings: shown });
}

function notFoundReply(
  ctx: InteractionContext,
  query: string,
  suggestions: readonly Section[],
  questionId?: number,
  reading: string | null = null,
): Reply {
  const shown = truncate(query.replace(/\s+/g, ' ').trim(), 80);
  const lines = [...(reading ? [reading] : []), ctx.t('explain.notFound', { query: shown })];
  lines.push(suggestions.length > 0 ? ctx.t('explain.suggestions') : ctx.t('explain.notFoundNoSuggestions'));
  return {
    content: lines.join('\n'),
    ephemeral: true,
    buttons:
      suggestions.length > 0
        ? [
            suggestions.slice(0, 5).map((s) => ({
              customId: suggestionCustomId(questionId, sectionKey(s)),
              label: s.heading,
              style: 'secondary' as const,
            })),
          ]
        : [],
  };
}

export const explainCommand = defineCommand({
  data: explainData,
  ephemeral: (args) => args.hide ?? false,
  run(ctx, args) {
    const question = args.question.trim();
    if (!question) throw new UserError('explain.emptyQuestion');
    const index = ctx.services.notes.index;
    const learning = learnedSearch(ctx, question, { keyOf: sectionKey, resolve: (key) => findByKey(index, key) });
    const result = learning.result;
    const reading = readingLine(ctx, result.readAs);
    if (result.emptyTopic) {
      const empty = ctx.t('explain.emptyTopic', { heading: result.emptyTopic.displayHeading });
      return { content: reading ? `${reading}\n${empty}` : empty, ephemeral: true };
    }
    const best = result.results[0];
    if (!result.found || !best) return notFoundReply(ctx, question, result.suggestions, learning.questionId, reading);
    const reply = sectionReply(ctx, best.section, {
      ephemeral: args.hide ?? false,
      others: result.results.slice(1),
      question: learning.questionId,
      learned: learning.learned !== null,
    });
    return reading ? { ...reply, content: reading } : reply;
  },
  autocomplete(ctx, focused) {
    return ctx.services.notes.index
      .autocomplete(focused.value, 25)
      .map((hit) => ({ name: hit.label, value: truncate(hit.section.heading, 100) }));
  },
});

/** The section a button's key names in the current notes; gone (the notes changed) is a UserError. */
export function sectionFor(ctx: InteractionContext, key: string | undefined): Section {
  const section = key ? findByKey(ctx.services.notes.index, key) : undefined;
  if (!section) throw new UserError('explain.sectionGone');
  return section;
}

export const explainComponents: ComponentHandler[] = [
  {
    route: 'explain.page',
    run(ctx, [key, page, question]) {
      const view = { page: Number(page) || 1, question: questionArg(question) };
      return { ...sectionReply(ctx, sectionFor(ctx, key), view), update: true };
    },
  },
  {
    route: 'explain.open',
    run(ctx, [key]) {
      return sectionReply(ctx, sectionFor(ctx, key), { ephemeral: true });
    },
  },
];
