/**
 * The /progress chart: hours on the axis past 2 hours a day, the unit above the axis, a legend for today's colour,
 * chapter numbers with short titles under the star bars, and no chart at all for a member with nothing to draw.
 * Pixels are read back from the PNG with the same canvas library.
 */
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { createCanvas, loadImage } from '@napi-rs/canvas';
import {
  hasChartData,
  HOURS_AFTER_MINUTES,
  PROGRESS_CHART_SIZE,
  renderProgressChart,
  shortChapterTitle,
  timeAxis,
} from '../../src/study/charts.js';
import { progress, type Progress } from '../../src/study/stats.js';
import { kst, studyEnv, textOf, type StudyEnv } from './support.js';

const TEXT = { title: 't', daily: 'd', stars: 's', minutes: '분', hours: '시간', today: '오늘' };
const TODAY_GREEN = [0x57, 0xf2, 0x87];
const BACKGROUND = [0x2b, 0x2d, 0x31];

function sample(minutes: number[], chapters: Progress['chapters']): Progress {
  return {
    userId: 'u1',
    today: '2026-11-28',
    totalMinutes: minutes.reduce((a, b) => a + b, 0),
    chapters,
    currentStreak: 0,
    longestStreak: 0,
    activeDays: minutes.filter((m) => m > 0).length,
    thisWeek: 0,
    lastWeek: 0,
    daily: minutes.map((m, i) => ({ day: `2026-11-${String(i + 1).padStart(2, '0')}`, minutes: m })),
  };
}

const days = (last: number, others = 30) => [...Array.from({ length: 27 }, () => others), last];

async function pixels(png: Buffer) {
  const img = await loadImage(png);
  const canvas = createCanvas(img.width, img.height);
  const ctx = canvas.getContext('2d');
  ctx.drawImage(img, 0, 0);
  const data = ctx.getImageData(0, 0, img.width, img.height).data;
  return {
    width: img.width,
    height: img.height,
    data,
    at: (x: number, y: number) => [...data.subarray((y * img.width + x) * 4, (y * img.width + x) * 4 + 3)],
    /** Pixels in a box that are not the background (anti-aliased text counts). */
    inked(x0: number, y0: number, x1: number, y1: number) {
      let n = 0;
      for (let y = y0; y < y1; y++)
        for (let x = x0; x < x1; x++) {
          const [r, g, b] = [
            data[(y * img.width + x) * 4],
            data[(y * img.width + x) * 4 + 1],
            data[(y * img.width + x) * 4 + 2],
          ];
          if (
            Math.abs((r ?? 0) - BACKGROUND[0]!) +
              Math.abs((g ?? 0) - BACKGROUND[1]!) +
              Math.abs((b ?? 0) - BACKGROUND[2]!) >
            60
          )
            n++;
        }
      return n;
    },
  };
}

/** The bounding box of the pixels that differ between two renders of the same size, or null. */
function diffBox(a: Awaited<ReturnType<typeof pixels>>, b: Awaited<ReturnType<typeof pixels>>) {
  let box: { x0: number; y0: number; x1: number; y1: number } | null = null;
  for (let y = 0; y < a.height; y++)
    for (let x = 0; x < a.width; x++) {
      const i = (y * a.width + x) * 4;
      if (a.data[i] === b.data[i] && a.data[i + 1] === b.data[i + 1] && a.data[i + 2] === b.data[i + 2]) continue;
      box = box
        ? { x0: Math.min(box.x0, x), y0: Math.min(box.y0, y), x1: Math.max(box.x1, x), y1: Math.max(box.y1, y) }
        : { x0: x, y0: y, x1: x, y1: y };
    }
  return box;
}

describe('the time axis', () => {
  it('counts minutes up to 120 a day and hours beyond', () => {
    expect(HOURS_AFTER_MINUTES).toBe(120);
    expect(timeAxis(80)).toMatchObject({ unit: 'minutes', labels: ['0', '20', '40', '60', '80'] });
    expect(timeAxis(120).unit).toBe('minutes');
    const past = timeAxis(121);
    expect(past.unit).toBe('hours');
    expect(past.labels).toEqual(['0', '1', '2', '3', '4']);
    expect(past).toMatchObject({ max: 240, step: 60 }); // in minutes, so bars keep their height
    expect(timeAxis(200).labels).toEqual(['0', '1', '2', '3', '4']);
    expect(timeAxis(9 * 60).labels).toEqual(['0', '2.5', '5', '7.5', '10']);
    expect(timeAxis(0)).toMatchObject({ unit: 'minutes', max: 40 });
  });
});

describe('chapter labels', () => {
  it('shortens a title and leaves out one that only repeats the number', () => {
    expect(shortChapterTitle(2, '도커의 구조 (클라이언트, 호스트, 레지스트리)')).toBe('도커의 구조');
    expect(shortChapterTitle(4, '도커 기초')).toBe('도커 기초');
    expect(shortChapterTitle(3, '3장')).toBe('');
    expect(shortChapterTitle(3, '')).toBe('');
  });
});

describe('the progress chart', () => {
  const chapters: Progress['chapters'] = [
    { chapter: 1, title: '', minutes: 30, stars: 3 },
    { chapter: 2, title: '도커의 개념', minutes: 30, stars: 4 },
  ];

  it('is a 960×640 PNG with a legend swatch in today’s colour', async () => {
    const png = renderProgressChart(sample(days(45), chapters), TEXT);
    const p = await pixels(png);
    expect([p.width, p.height]).toEqual([PROGRESS_CHART_SIZE.width, PROGRESS_CHART_SIZE.height]);
    // The swatch sits left of the legend's label at the right edge of the daily chart's heading line.
    const swatch = Array.from({ length: 120 }, (_, i) => p.at(936 - i, 74)).filter(
      (c) => c.join() === TODAY_GREEN.join(),
    );
    expect(swatch.length).toBeGreaterThanOrEqual(10);
  });

  it('writes a chapter’s short title under its bar, and nothing for an untitled chapter', async () => {
    const p = await pixels(renderProgressChart(sample(days(45), chapters), TEXT));
    const slot = (936 - 70) / chapters.length;
    const titleRows = [400 + 140 + 26, 400 + 140 + 60] as const; // below the chapter numbers
    const under = (i: number) =>
      p.inked(Math.round(70 + i * slot), titleRows[0], Math.round(70 + (i + 1) * slot), titleRows[1]);
    expect(under(0)).toBe(0);
    expect(under(1)).toBeGreaterThan(30);
  });

  it('names the unit (hours past 120 minutes a day) above the axis, clear of the grid labels', async () => {
    const week = sample(days(200), chapters);
    const named = await pixels(renderProgressChart(week, TEXT));
    const unnamed = await pixels(renderProgressChart(week, { ...TEXT, hours: '' }));
    const box = diffBox(named, unnamed);
    // Only the unit label changed, and it lies between the heading line and the top grid line (y = 112), so no grid
    // label (drawn 5 px under its line) shares its row.
    expect(box).not.toBeNull();
    expect(box!.y0).toBeGreaterThan(82);
    expect(box!.y1).toBeLessThan(112 - 4);
    expect(box!.x1).toBeLessThan(70);
    // Under 120 minutes a day the hours unit is not used.
    const short = sample(days(100), chapters);
    const a = await pixels(renderProgressChart(short, TEXT));
    const b = await pixels(renderProgressChart(short, { ...TEXT, hours: '' }));
    expect(diffBox(a, b)).toBeNull();
  });

  it('has something to draw only with a minute in the last 4 weeks or a star', () => {
    const none = chapters.map((c) => ({ ...c, stars: null }));
    expect(hasChartData(sample(days(0, 0), none))).toBe(false);
    expect(hasChartData(sample(days(5, 0), none))).toBe(true);
    expect(hasChartData(sample(days(0, 0), chapters))).toBe(true);
  });
});

describe('/progress without data', () => {
  let env: StudyEnv;
  beforeEach(() => {
    env = studyEnv();
    env.clock.set(kst(2026, 11, 28, 21));
  });
  afterEach(() => env.cleanup());

  it('sends no chart for a member with no records, and says so', async () => {
    const reply = await env.run('progress', undefined, { member: { id: 'u9', name: '새멤버' } });
    expect(reply.files ?? []).toEqual([]);
    expect(reply.embeds?.[0]?.image).toBeUndefined();
    expect(textOf(reply)).toContain(env.ctx().t('study.progress.empty'));
  });

  it('sends no chart when the only time is older than 4 weeks, and says why', async () => {
    await env.run('log', 'add', { minutes: '40', chapter: '1', date: '2026-09-01' });
    const p = progress(env.services.db, env.deps.book, 'g1', 'u1', '2026-11-28');
    expect(p.totalMinutes).toBe(40);
    const reply = await env.run('progress', undefined);
    expect(reply.files ?? []).toEqual([]);
    expect(textOf(reply)).toContain(env.ctx().t('study.progress.noChart'));
  });

  it('still sends the chart once there is something to draw', async () => {
    await env.run('rate', undefined, { chapter: '2', stars: 4 });
    const reply = await env.run('progress', undefined);
    expect(reply.embeds?.[0]?.image).toBe('progress.png');
    expect(reply.files?.[0]?.data.readUInt32BE(20)).toBe(PROGRESS_CHART_SIZE.height);
  });
});
