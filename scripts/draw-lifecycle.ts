/**
 * Draws the container lifecycle figure the bundled notes link (`data/notes/docker-study.md` →
 * `./images/container_lifecycle.png`): created → running ⇄ paused, running → stopped (exited) → removed, with the
 * docker command on each arrow and `run` = `create` + `start`. Same canvas and bundled NanumSquare font as the charts.
 *
 *   npm run draw:lifecycle            # writes data/notes/images/container_lifecycle.png
 *   npm run draw:lifecycle -- out.png # writes somewhere else
 */
import { mkdirSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { SKRSContext2D } from '@napi-rs/canvas';
import { PROJECT_ROOT } from '../src/config.js';
import { FONT_FAMILY, fontCanvas } from '../src/study/charts.js';

export const LIFECYCLE_PNG = path.join(PROJECT_ROOT, 'data', 'notes', 'images', 'container_lifecycle.png');
export const LIFECYCLE_SIZE = { width: 1320, height: 720 } as const;

const C = {
  background: '#ffffff',
  text: '#1e1f22',
  muted: '#5c5f66',
  arrow: '#4e5058',
  command: '#1d63ed',
  image: { fill: '#eef1f5', stroke: '#8a919c' },
  created: { fill: '#e8f0fe', stroke: '#1d63ed' },
  running: { fill: '#e6f6ea', stroke: '#1e8e3e' },
  paused: { fill: '#fff6db', stroke: '#c59100' },
  stopped: { fill: '#fdecea', stroke: '#c5221f' },
  removed: { fill: '#f1f3f4', stroke: '#5f6368' },
} as const;

interface Box {
  x: number;
  y: number;
  w: number;
  h: number;
}

const BOX_W = 210;
const BOX_H = 86;
const box = (cx: number, cy: number, w = BOX_W, h = BOX_H): Box => ({ x: cx - w / 2, y: cy - h / 2, w, h });
const cx = (b: Box) => b.x + b.w / 2;
const cy = (b: Box) => b.y + b.h / 2;

function font(ctx: SKRSContext2D, size: number, bold = false) {
  ctx.font = `${bold ? 'bold ' : ''}${size}px ${FONT_FAMILY}`;
}

function state(ctx: SKRSContext2D, b: Box, name: string, korean: string, colors: { fill: string; stroke: string }) {
  ctx.fillStyle = colors.fill;
  ctx.strokeStyle = colors.stroke;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.roundRect(b.x, b.y, b.w, b.h, 16);
  ctx.fill();
  ctx.stroke();
  ctx.textAlign = 'center';
  ctx.fillStyle = C.text;
  font(ctx, 26, true);
  ctx.fillText(name, cx(b), cy(b) - 4);
  ctx.fillStyle = C.muted;
  font(ctx, 17);
  ctx.fillText(korean, cx(b), cy(b) + 24);
}

function head(ctx: SKRSContext2D, x: number, y: number, angle: number) {
  const size = 14;
  ctx.beginPath();
  ctx.moveTo(x, y);
  ctx.lineTo(x - size * Math.cos(angle - Math.PI / 7), y - size * Math.sin(angle - Math.PI / 7));
  ctx.lineTo(x - size * Math.cos(angle + Math.PI / 7), y - size * Math.sin(angle + Math.PI / 7));
  ctx.closePath();
  ctx.fill();
}

/** A straight arrow from (x1, y1) to (x2, y2). */
function arrow(ctx: SKRSContext2D, x1: number, y1: number, x2: number, y2: number, dashed = false) {
  ctx.strokeStyle = C.arrow;
  ctx.fillStyle = C.arrow;
  ctx.lineWidth = 3;
  ctx.setLineDash(dashed ? [10, 8] : []);
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.lineTo(x2, y2);
  ctx.stroke();
  ctx.setLineDash([]);
  head(ctx, x2, y2, Math.atan2(y2 - y1, x2 - x1));
}

/** A curved arrow from (x1, y1) to (x2, y2) bending through the control point (qx, qy). */
function curve(ctx: SKRSContext2D, x1: number, y1: number, qx: number, qy: number, x2: number, y2: number) {
  ctx.strokeStyle = C.arrow;
  ctx.fillStyle = C.arrow;
  ctx.lineWidth = 3;
  ctx.beginPath();
  ctx.moveTo(x1, y1);
  ctx.quadraticCurveTo(qx, qy, x2, y2);
  ctx.stroke();
  head(ctx, x2, y2, Math.atan2(y2 - qy, x2 - qx));
}

/** A command label on a white pad, so it reads over the arrow it sits on. */
function command(
  ctx: SKRSContext2D,
  text: string,
  x: number,
  y: number,
  align: 'center' | 'left' | 'right' = 'center',
) {
  font(ctx, 19, true);
  const w = ctx.measureText(text).width;
  const left = align === 'center' ? x - w / 2 : align === 'left' ? x : x - w;
  ctx.fillStyle = C.background;
  ctx.fillRect(left - 6, y - 19, w + 12, 27);
  ctx.fillStyle = C.command;
  ctx.textAlign = 'left';
  ctx.fillText(text, left, y);
}

export function drawLifecycle(): Buffer {
  const { width, height } = LIFECYCLE_SIZE;
  const canvas = fontCanvas(width, height);
  const ctx = canvas.getContext('2d');
  ctx.fillStyle = C.background;
  ctx.fillRect(0, 0, width, height);

  ctx.textAlign = 'left';
  ctx.fillStyle = C.text;
  font(ctx, 32, true);
  ctx.fillText('컨테이너의 라이프 사이클', 40, 56);

  const row = 360;
  const image = box(150, 150, 170, 74);
  const created = box(150, row);
  const running = box(540, row);
  const paused = box(540, 590);
  const stopped = box(920, row);
  const removed = box(1215, row, 170);

  // image → created (create), image → running (run = create + start)
  arrow(ctx, cx(image), image.y + image.h, cx(created), created.y - 4);
  command(ctx, 'docker create', cx(image) + 14, 262, 'left');
  arrow(ctx, image.x + image.w, cy(image) + 10, running.x + 30, running.y - 4, true);
  command(ctx, 'docker run', 395, 200);
  font(ctx, 16);
  const note = '(= create + start)';
  const noteW = ctx.measureText(note).width;
  ctx.fillStyle = C.background;
  ctx.fillRect(395 - noteW / 2 - 6, 210, noteW + 12, 22);
  ctx.fillStyle = C.muted;
  ctx.textAlign = 'center';
  ctx.fillText(note, 395, 226);

  // created → running (start)
  arrow(ctx, created.x + created.w, row, running.x - 4, row);
  command(ctx, 'docker start', (created.x + created.w + running.x) / 2, row - 16);

  // running ⇄ paused (pause / unpause)
  arrow(ctx, cx(running) - 36, running.y + running.h, cx(paused) - 36, paused.y - 4);
  command(ctx, 'docker pause', cx(running) - 50, 488, 'right');
  arrow(ctx, cx(paused) + 36, paused.y, cx(running) + 36, running.y + running.h + 4);
  command(ctx, 'docker unpause', cx(running) + 50, 488, 'left');

  // running → stopped (stop / kill), stopped → running (start / restart)
  arrow(ctx, running.x + running.w, row + 16, stopped.x - 4, row + 16);
  command(ctx, 'docker stop / kill', (running.x + running.w + stopped.x) / 2, row + 50);
  curve(ctx, cx(stopped), stopped.y, (cx(running) + cx(stopped)) / 2 + 20, 170, cx(running) + 60, running.y - 4);
  command(ctx, 'docker start / restart', (cx(running) + cx(stopped)) / 2 + 30, 258);

  // stopped → removed (rm)
  arrow(ctx, stopped.x + stopped.w, row, removed.x - 4, row);
  command(ctx, 'docker rm', (stopped.x + stopped.w + removed.x) / 2, row - 16);

  state(ctx, image, '이미지', 'image', C.image);
  state(ctx, created, 'Created', '생성됨', C.created);
  state(ctx, running, 'Running', '실행 중 · CPU와 Memory', C.running);
  state(ctx, paused, 'Paused', '일시 정지 · Memory만', C.paused);
  state(ctx, stopped, 'Stopped', '정지됨 (Exited)', C.stopped);
  state(ctx, removed, 'Removed', '삭제됨', C.removed);

  ctx.textAlign = 'left';
  ctx.fillStyle = C.muted;
  font(ctx, 17);
  ctx.fillText('docker run = docker create + docker start', 830, 560);
  ctx.fillText('docker restart = docker stop + docker start', 830, 590);
  ctx.fillText('docker kill: 곧바로 종료 (SIGKILL)', 830, 620);
  ctx.fillText('docker rm -f: 실행 중이어도 삭제', 830, 650);
  ctx.fillText('다시 그리기: npm run draw:lifecycle', 830, 690);
  return canvas.toBuffer('image/png');
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) {
  const out = path.resolve(process.argv[2] ?? LIFECYCLE_PNG);
  mkdirSync(path.dirname(out), { recursive: true });
  writeFileSync(out, drawLifecycle());
  process.stdout.write(`wrote ${path.relative(process.cwd(), out) || out}\n`);
}
