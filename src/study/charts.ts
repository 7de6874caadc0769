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

/** A round axis maximum with about four grid steps. */
function niceMax(value: number): { max: number; step: number } {
  const raw = Math.max(value, 30) / 4;
  const magnitude = 10 ** Math.floor(Math.log10(raw));
  const step = [1, 2, 2.5, 5, 10].map((m) => m * magnitude).find((s) => s >= raw) ?? raw;
  return { max: step * 4, step };
}

export interface ProgressChartText {
  title: string;
  daily: string;
  stars: string;
  /** Axis unit for minutes, e.g. "분" / "min". */
  minutes: string;
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

export function renderProgressChart(p: Progress, text: ProgressChartText): Buffer {
  const width = 960;
  const height = 600;
  const { canvas, ctx } = titledCanvas(width, height, text.title, 26, 42);

  // Minutes per day over the last 4 weeks.
  const top = 90;
  const chartH = 230;
  const left = 70;
  const right = width - 24;
  font(ctx, 18);
  ctx.fillStyle = COLORS.muted;
  ctx.fillText(text.daily, 24, top - 16);
  const { max, step } = niceMax(Math.max(...p.daily.map((d) => d.minutes)));
  font(ctx, 14);
  for (let v = 0; v <= max; v += step) {
    const y = top + chartH - (v / max) * chartH;
    ctx.strokeStyle = COLORS.grid;
    ctx.beginPath();
    ctx.moveTo(left, y);
    ctx.lineTo(right, y);
    ctx.stroke();
    ctx.fillStyle = COLORS.muted;
    ctx.textAlign = 'right';
    ctx.fillText(String(Math.round(v)), left - 8, y + 5);
  }
  ctx.textAlign = 'left';
  ctx.fillText(text.minutes, 12, top + 4);
  const slot = (right - left) / p.daily.length;
  p.daily.forEach((d, i) => {
    const h = (d.minutes / max) * chartH;
    ctx.fillStyle = i === p.daily.length - 1 ? COLORS.today : COLORS.bar;
    ctx.fillRect(left + i * slot + 3, top + chartH - h, slot - 6, h);
    if (i % 7 === 0 || i === p.daily.length - 1) {
      ctx.fillStyle = COLORS.muted;
      ctx.textAlign = 'center';
      ctx.fillText(d.day.slice(5).replace('-', '/'), left + i * slot + slot / 2, top + chartH + 20);
    }
  });
  ctx.textAlign = 'left';

  // Stars per chapter.
  const top2 = 390;
  const chartH2 = 150;
  font(ctx, 18);
  ctx.fillStyle = COLORS.muted;
  ctx.fillText(text.stars, 24, top2 - 16);
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
    ctx.fillStyle = COLORS.muted;
    ctx.textAlign = 'center';
    ctx.fillText(`${c.chapter}`, x + slot2 / 2, top2 + chartH2 + 20);
  });
  ctx.textAlign = 'left';
  return canvas.toBuffer('image/png');
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
    ctx.fillText(fit(ctx, `${row.chapter}. ${row.title}`, labelW - 32), 24, y + 22);
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
