/**
 * Quiz benchmark: time to generate 100 questions over the generated ~1 MB corpus (median of 5 seeds, index built
 * once beforehand), and the in-process handling latency of a 50-member click burst on one question
 * (QuizManager.answer: state machine + SQLite write), and the same burst end to end: the real bot (startBot) against
 * the fake Discord (tests/support), 50 members clicking one question at once, each click timed from the gateway
 * dispatch to the bot's accepted interaction callback (Discord's deadline is 3 s), with a 5-edits-per-5-s limit.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { silentLogger, systemClock } from '../src/core/context.js';
import type { ChannelPort } from '../src/commands/types.js';
import { openDatabase } from '../src/db/connection.js';
import { translator } from '../src/i18n/index.js';
import { generateCorpus } from '../src/notes/corpus.js';
import { buildIndex } from '../src/notes/build.js';
import { generateQuestions } from '../src/quiz/generate.js';
import { QuizManager } from '../src/quiz/manager.js';
import { ReviewService } from '../src/quiz/review.js';
import { realTimers } from '../src/quiz/timers.js';
import { startBotAgainstFake } from '../tests/support/bot.js';
import { runBurst } from '../tests/quiz/e2e-burst.js';
import { editsOf } from '../tests/quiz/e2e-support.js';
import { formatReport, type BenchReport } from './report.js';

const ms = (start: bigint) => Number(process.hrtime.bigint() - start) / 1e6;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)] ?? 0;
const pct = (sorted: number[], p: number) =>
  sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? 0;
const round = (x: number) => Math.round(x * 1000) / 1000;

async function burst(index: ReturnType<typeof buildIndex>): Promise<number[]> {
  const dir = mkdtempSync(path.join(tmpdir(), 'quiz-bench-'));
  const db = openDatabase(path.join(dir, 'bench.db'));
  let edits = 0;
  let next = 1;
  const channel: ChannelPort = {
    send: async () => ({ channelId: 'c', messageId: String(next++) }),
    edit: async () => void edits++,
  };
  const deps = { db, clock: systemClock, notes: () => index, bank: () => [], timeZone: 'Asia/Seoul' };
  const timers = realTimers();
  const manager = new QuizManager({
    ...deps,
    timers,
    logger: silentLogger,
    review: new ReviewService(deps),
    lobbySeconds: 60,
  });
  const id = await manager.start({
    guildId: 'g',
    channelId: 'c',
    channel,
    host: { id: 'h', name: 'h' },
    locale: 'ko',
    count: 1,
    seconds: 30,
    mode: 'once',
    seed: 1,
  });
  await manager.begin(id, { id: 'h', name: 'h' }, false);
  const latencies: number[] = [];
  for (let i = 0; i < 50; i++) {
    const start = process.hrtime.bigint();
    manager.answer(id, 0, i % 4, { id: `m${i}`, name: `m${i}` });
    latencies.push(ms(start));
  }
  await manager.stop('c', { id: 'h', name: 'h' }, true);
  await manager.settled(id);
  db.close();
  rmSync(dir, { recursive: true, force: true });
  return latencies.sort((a, b) => a - b);
}

async function burstThroughDiscord() {
  const h = await startBotAgainstFake({ fake: { rateLimit: { limit: 5, windowMs: 5000 } } });
  try {
    const burst = await runBurst(h, 50, 0);
    await h.bot.app.services.quiz.stop(h.fake.channel.id, { id: h.fake.user.id, name: 'host' }, true);
    await h.bot.app.services.quiz.settled(burst.quizId);
    return {
      ackMs: burst.ackMs,
      spreadMs: burst.spreadMs,
      edits: editsOf(h.fake, burst.questionMessageId).length,
      violations: h.fake.violations.length,
    };
  } finally {
    await h.close();
  }
}

export async function benchQuiz(): Promise<BenchReport> {
  const files = generateCorpus({ targetBytes: 1_000_000 });
  const bytes = files.reduce((n, f) => n + Buffer.byteLength(f.text), 0);
  const index = buildIndex(files);
  const t = translator('ko');
  generateQuestions(index, { count: 100, seed: 'warmup', t });
  const times: number[] = [];
  let produced = 0;
  for (let seed = 1; seed <= 5; seed++) {
    const start = process.hrtime.bigint();
    produced = generateQuestions(index, { count: 100, seed, t }).length;
    times.push(ms(start));
  }
  const clicks = await burst(index);
  const e2e = await burstThroughDiscord();
  const e2eNote = `real bot vs fake Discord, dispatch → callback; clicks sent within ${Math.round(e2e.spreadMs)} ms`;
  return {
    name: 'quiz',
    rows: [
      {
        metric: 'generate 100 questions (~1 MB corpus)',
        value: round(median(times)),
        unit: 'ms',
        note: `median of 5 seeds; ${produced} produced; ${Math.round(bytes / 1024)} KiB, ${index.sections.length} sections`,
      },
      {
        metric: '50-click burst: answer handling p50',
        value: round(pct(clicks, 50)),
        unit: 'ms',
        note: 'in-process, no Discord',
      },
      {
        metric: '50-click burst: answer handling p99',
        value: round(pct(clicks, 99)),
        unit: 'ms',
        note: 'in-process, no Discord',
      },
      { metric: '50-click burst: ack latency p50', value: round(pct(e2e.ackMs, 50)), unit: 'ms', note: e2eNote },
      {
        metric: '50-click burst: ack latency p99',
        value: round(pct(e2e.ackMs, 99)),
        unit: 'ms',
        note: `${e2eNote}; ${e2e.edits} question edits (incl. close), ${e2e.violations} violations`,
      },
    ],
  };
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatReport(await benchQuiz()));
}
