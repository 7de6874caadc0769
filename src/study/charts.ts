/**
 * PNG charts for /progress and /group, drawn with @napi-rs/canvas (prebuilt Skia, no system libraries).
 * The bars and the grid are drawn directly: chart libraries (Chart.js and friends) need a DOM-like canvas shim for
 * two fixed layouts this small. Text uses the bundled NanumSquare font (OFL, from Debian's fonts-nanum), because a
 * fresh machine has no CJK font and member names and chapter titles are Korean.
 */
import path from 'node:path';
import { createRequire } from 'node:module';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { PROJECT_ROOT } from '../config.js';
import type { GroupBoard, Progress } from './stats.js';

const FONT = 'NanumSquare';
let skia: typeof import('@napi-rs/canvas') | undefined;

/**
 * Skia is loaded on the first chart, with the bundled Korean font: it adds ~17 MB to the process, which a bot
 * whose members never ask for a chart does not need to carry.
 */
function canvasLib(): typeof import('@napi-rs/canvas') {
  if (!skia) {
    skia = createRequire(import.meta.url)('@napi-rs/canvas') as typeof import('@napi-rs/canvas');
    skia.GlobalFonts.registerFromPath(path.join(PROJECT_ROOT, 'data', 'fonts', 'NanumSquareR.ttf'), FONT);
  }
  return skia;
}

function createCanvas(width: number, height: number) {
  return canvasLib().createCanvas(width, height);
}

/** The bundled Korean font's family name, registered by `fontCanvas`. */
export const FONT_FAMILY = FONT;

/** A blank canvas with the bundled font registered: for other figures drawn the same way (scripts/draw-lifecycle.ts). */
export function fontCanvas(width: number, height: number) {
  return createCanvas(width, height);
}

const COLORS = {
  background: '#2b2d31',
  panel: '#313338',
  text: '#f2f3f5',
  muted: '#a4a8b0',
  grid: '#3f4147',
  bar: '#5865f2',
  today: '#57f287',
  star: '#fee75c',
  empty: '#404249',
} as const;

/** Cell colours from 1★ (red: hard) to 5★ (green: understood). */
const STAR_COLORS = ['#ed4245', '#f0883e', '#fee75c', '#a3d977', '#57f287'] as const;

function font(ctx: SKRSContext2D, size: number): void {
  ctx.font = `${size}px ${FONT}`;
}

/** Cuts text to fit `width` pixels, adding an ellipsis. */
function fit(ctx: SKRSContext2D, text: string, width: number): string {
  if (ctx.measureText(text).width <= width) return text;
  const chars = [...text];
  while (chars.length > 1 && ctx.measureText(`${chars.join('')}…`).width > width) chars.pop();
  return `${chars.join('')}…`;
}

/** A round axis maximum with about four grid steps, at least `floor`. */
function niceMax(value: number, floor = 30): { max: number; step: number } {
  const raw = Math.max(value, floor) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return { max: step * 4, step };
}

/** Past this many minutes in a day the time axis counts hours. */
export const HOURS_AFTER_MINUTES = 120;

export interface TimeAxis {
  unit: 'minutes' | 'hours';
  /** Axis maximum and grid step, in minutes. */
  max: number;
  step: number;
  /** The grid labels from 0 to max, in the axis unit ("0", "0.5", "1", …). */
  labels: string[];
}

/** The daily-minutes axis: minutes up to HOURS_AFTER_MINUTES, whole or half hours beyond. */
export function timeAxis(maxMinutes: number): TimeAxis {
  const hours = maxMinutes > HOURS_AFTER_MINUTES;
  const { max, step } = hours ? niceMax(maxMinutes / 60, 2) : niceMax(maxMinutes);
  const toMinutes = hours ? 60 : 1;
  const labels: string[] = [];
  for (let i = 0; i * step <= max + 1e-9; i++) labels.push(String(Math.round(i * step * 100) / 100));
  return { unit: hours ? 'hours' : 'minutes', max: max * toMinutes, step: step * toMinutes, labels };
}

/**
 * A chapter's title as it fits under its bar: without a parenthesised aside, and nothing for a placeholder title
 * ("3장") or an empty one, since the number is drawn above it.
 */
export function shortChapterTitle(chapter: number, title: string): string {
  const short = title
    .replace(/\s*[(（][^)）]*[)）]\s*/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return short === '' || short === `${chapter}장` || short === `Chapter ${chapter}` ? '' : short;
}

/** Up to `lines` lines of `width` pixels, broken at spaces; the last one cut with an ellipsis if the text goes on. */
function wrap(ctx: SKRSContext2D, text: string, width: number, lines: number): string[] {
  const out: string[] = [];
  let rest = text.split(' ').filter(Boolean);
  while (rest.length > 0 && out.length < lines) {
    let n = rest.length;
    while (n > 1 && ctx.measureText(rest.slice(0, n).join(' ')).width > width) n--;
    const last = out.length === lines - 1;
    out.push(fit(ctx, last ? rest.join(' ') : rest.slice(0, n).join(' '), width));
    rest = last ? [] : rest.slice(n);
  }
  return out;
}

/** Whether a member's progress has anything the chart would draw: a minute in the last 4 weeks or a star. */
export function hasChartData(p: Progress): boolean {
  return p.daily.some((d) => d.minutes > 0) || p.chapters.some((c) => c.stars !== null);
}

export interface ProgressChartText {
  title: string;
  daily: string;
  stars: string;
  /** Axis unit for minutes, e.g. "분" / "min". */
  minutes: string;
  /** Axis unit for hours, e.g. "시간" / "h" (used once a day passes HOURS_AFTER_MINUTES). */
  hours?: string;
  /** The legend's name for today's bar, e.g. "오늘" / "today". */
  today?: string;
}

/** A canvas filled with the background, with the chart's title drawn at the top left. */
function titledCanvas(width: number, height: number, title: string, size: number, baseline: number) {
  const canvas = createCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = COLORS.background;
  ctx.fillRect(0, 0, width, height);
  ctx.fillStyle = COLORS.text;
  font(ctx, size);
  ctx.fillText(fit(ctx, title, width - 48), 24, baseline);
  return { canvas, ctx };
}

export const PROGRESS_CHART_SIZE = { width: 960, height: 640 } as const;

/**
 * Minutes per day over the last 4 weeks (today's bar in its own colour, with a legend; hours on the axis once a day
 * passes 2 hours, the unit above the axis) and stars per chapter with each chapter's number and short title under
 * its bar. Callers skip the chart when `hasChartData` is false, and say so in text instead.
 */
export function renderProgressChart(p: Progress, text: ProgressChartText): Buffer {
  const { width, height } = PROGRESS_CHART_SIZE;
  const { canvas, ctx } = titledCanvas(width, height, text.title, 26, 42);
  const left = 70;
  const right = width - 24;

  // Minutes per day over the last 4 weeks.
  const top = 112;
  const chartH = 210;
  font(ctx, 18);
  ctx.fillStyle = COLORS.muted;
  ctx.fillText(text.daily, 24, 80);
  legend(ctx, right, 80, COLORS.today, text.today ?? 'today');
  const axis = timeAxis(Math.max(...p.daily.map((d) => d.minutes)));
  font(ctx, 15);
  ctx.fillStyle = COLORS.text;
  ctx.textAlign = 'right';
  ctx.fillText(`(${axis.unit === 'hours' ? (text.hours ?? 'h') : text.minutes})`, left - 8, top - 12);
  font(ctx, 14);
  axis.labels.forEach((label, i) => {
    const y = top + chartH - ((i * axis.step) / axis.max) * chartH;
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillStyle = COLORS.muted;
    ctx.textAlign = 'right';
    ctx.fillText(label, left - 8, y + 5);
  });
  ctx.textAlign = 'left';
  const slot = (right - left) / p.daily.length;
  p.daily.forEach((d, i) => {
    const h = (Math.min(d.minutes, axis.max) / axis.max) * chartH;
    ctx.fillStyle = i === p.daily.length - 1 ? COLORS.today : COLORS.bar;
    ctx.fillRect(left + i * slot + 3, top + chartH - h, slot - 6, h);
    if (i % 7 === 0 || i === p.daily.length - 1) {
      ctx.fillStyle = COLORS.muted;
      ctx.textAlign = 'center';
      ctx.fillText(d.day.slice(5).replace('-', '/'), left + i * slot + slot / 2, top + chartH + 20);
    }
  });
  ctx.textAlign = 'left';

  // Stars per chapter, each bar over its chapter's number and short title.
  const top2 = 400;
  const chartH2 = 140;
  font(ctx, 18);
  ctx.fillStyle = COLORS.muted;
  ctx.fillText(text.stars, 24, top2 - 22);
  font(ctx, 14);
  for (let s = 0; s <= 5; s++) {
    const y = top2 + chartH2 - (s / 5) * chartH2;
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillStyle = COLORS.muted;
    ctx.textAlign = 'right';
    ctx.fillText(`${s}★`, left - 8, y + 5);
  }
  const chapters = p.chapters;
  const slot2 = (right - left) / Math.max(chapters.length, 1);
  chapters.forEach((c, i) => {
    const x = left + i * slot2;
    if (c.stars !== null) {
      const h = (c.stars / 5) * chartH2;
      ctx.fillStyle = STAR_COLORS[c.stars - 1] ?? COLORS.star;
      ctx.fillRect(x + slot2 * 0.2, top2 + chartH2 - h, slot2 * 0.6, h);
    }
    ctx.textAlign = 'center';
    ctx.fillStyle = COLORS.text;
    font(ctx, 14);
    ctx.fillText(`${c.chapter}`, x + slot2 / 2, top2 + chartH2 + 20);
    const title = shortChapterTitle(c.chapter, c.title);
    if (title && slot2 >= 36) {
      ctx.fillStyle = COLORS.muted;
      font(ctx, 12);
      wrap(ctx, title, slot2 - 6, 2).forEach((line, n) => {
        ctx.fillText(line, x + slot2 / 2, top2 + chartH2 + 38 + n * 15);
      });
    }
  });
  ctx.textAlign = 'left';
  return canvas.toBuffer('image/png');
}

/** A colour swatch and its name, right-aligned at `right`. */
function legend(ctx: SKRSContext2D, right: number, baseline: number, color: string, label: string): void {
  font(ctx, 15);
  ctx.textAlign = 'right';
  ctx.fillStyle = COLORS.text;
  ctx.fillText(label, right, baseline);
  const x = right - ctx.measureText(label).width - 22;
  ctx.fillStyle = color;
  ctx.fillRect(x, baseline - 13, 14, 14);
  ctx.textAlign = 'left';
}

export interface MatrixChartText {
  title: string;
  chapter: string;
  average: string;
}

/** Chapter × member grid of current stars, with each chapter's average in the last column. */
export function renderMatrixChart(board: GroupBoard, text: MatrixChartText): Buffer {
  const members = board.members.slice(0, 12);
  const rowH = 34;
  const labelW = 260;
  const colW = 78;
  const headerH = 96;
  const width = Math.max(560, labelW + (members.length + 1) * colW + 24);
  const height = headerH + Math.max(board.matrix.length, 1) * rowH + 24;
  const { canvas, ctx } = titledCanvas(width, height, text.title, 24, 38);

  font(ctx, 15);
  ctx.textAlign = 'center';
  ctx.fillStyle = COLORS.muted;
  ctx.fillText(fit(ctx, text.chapter, labelW - 24), 24 + (labelW - 24) / 2, headerH - 12);
  members.forEach((m, i) => {
    ctx.fillText(fit(ctx, m.name, colW - 8), labelW + i * colW + colW / 2, headerH - 12);
  });
  ctx.fillText(fit(ctx, text.average, colW - 8), labelW + members.length * colW + colW / 2, headerH - 12);

  board.matrix.forEach((row, r) => {
    const y = headerH + r * rowH;
    ctx.textAlign = 'left';
    ctx.fillStyle = COLORS.text;
    font(ctx, 15);
    ctx.fillText(fit(ctx, row.title ? `${row.chapter}. ${row.title}` : String(row.chapter), labelW - 32), 24, y + 22);
    font(ctx, 16);
    ctx.textAlign = 'center';
    members.forEach((_, i) => {
      const stars = row.stars[i] ?? null;
      const x = labelW + i * colW;
      ctx.fillStyle = stars === null ? COLORS.empty : (STAR_COLORS[stars - 1] ?? COLORS.empty);
      ctx.fillRect(x + 4, y + 3, colW - 8, rowH - 6);
      ctx.fillStyle = stars === null ? COLORS.muted : '#1e1f22';
      ctx.fillText(stars === null ? '·' : `${stars}★`, x + colW / 2, y + 23);
    });
    const x = labelW + members.length * colW;
    ctx.fillStyle = COLORS.text;
    ctx.fillText(row.average === null ? '–' : row.average.toFixed(1), x + colW / 2, y + 23);
  });
  ctx.textAlign = 'left';
  return canvas.toBuffer('image/png');
}

export interface BarRow {
  /** What the bar is (drawn left of it, cut to fit). */
  label: string;
  value: number;
  /** The value as members read it (`20.3 kB`), drawn after the bar. */
  valueLabel: string;
  /** Drawn in the highlight colour with `text.highlight` after its value (e.g. the largest layer). */
  highlight?: boolean;
}

export interface BarListText {
  title: string;
  /** Shown after the highlighted bar's value, e.g. "◀ 가장 큼" / "◀ largest". */
  highlight: string;
}

/** Rows drawn at most; callers say in text when there are more. */
export const BAR_LIST_MAX_ROWS = 40;

/**
 * One horizontal bar per row, top to bottom in the given order (the sandbox's /layers: a bar per layer, base first,
 * the largest highlighted). A zero value draws no bar, only its value label.
 */
export function renderBarList(rows: readonly BarRow[], text: BarListText): Buffer {
  const shown = rows.slice(0, BAR_LIST_MAX_ROWS);
  const rowH = 34;
  const top = 72;
  const width = 960;
  const labelW = 360;
  const valueW = 200;
  const height = top + Math.max(shown.length, 1) * rowH + 24;
  const { canvas, ctx } = titledCanvas(width, height, text.title, 24, 42);
  const barLeft = 24 + labelW;
  const barMax = width - barLeft - valueW;
  const max = Math.max(1, ...shown.map((r) => r.value));
  shown.forEach((r, i) => {
    const y = top + i * rowH;
    font(ctx, 15);
    ctx.textAlign = 'left';
    ctx.fillStyle = COLORS.text;
    ctx.fillText(fit(ctx, r.label, labelW - 16), 24, y + 22);
    ctx.fillStyle = COLORS.empty;
    ctx.fillRect(barLeft, y + 6, barMax, rowH - 12);
    const w = r.value > 0 ? Math.max(2, (r.value / max) * barMax) : 0;
    ctx.fillStyle = r.highlight ? COLORS.today : COLORS.bar;
    ctx.fillRect(barLeft, y + 6, w, rowH - 12);
    ctx.fillStyle = r.highlight ? COLORS.today : COLORS.muted;
    ctx.fillText(
      fit(ctx, r.highlight ? `${r.valueLabel} ${text.highlight}` : r.valueLabel, valueW - 16),
      barLeft + barMax + 12,
      y + 22,
    );
  });
  return canvas.toBuffer('image/png');
}
