/**
 * Interaction → reply latency of `/explain` through the fake Discord: the real bot (startBot) and an unmodified
 * discord.js Client over loopback HTTP and WebSocket. The in-process handler time (runCommand, no transport) is
 * measured in the same run as the baseline, so the ratio shows what the Discord round trip adds.
 */
import { pathToFileURL } from 'node:url';
import { runCommand } from '../src/commands/dispatch.js';
import { translator } from '../src/i18n/index.js';
import { startBotAgainstFake } from '../tests/support/bot.js';
import { formatReport, median, millis, p50p99, round, type BenchReport } from './report.js';

const RUNS = 3;
const INTERACTIONS = 1000;
const WARMUP = 50;
const QUESTIONS = [
  '이미지 이름 규칙',
  '도커 클라이언트',
  '컨테이너 라이프사이클',
  'docker image inspect',
  '프라이빗 레지스트리는 어디서 접속해?',
  'image and container relationship',
  '파이썬 GIL',
  '메타데이터에는 뭐가 들어있어?',
];

export async function benchDiscord(): Promise<BenchReport> {
  const h = await startBotAgainstFake({ fake: { rateLimit: { limit: 100_000, windowMs: 1000 } } });
  try {
    const ask = async (i: number) => {
      const question = QUESTIONS[i % QUESTIONS.length] as string;
      const start = process.hrtime.bigint();
      const ix = await h.fake.sendCommand({ name: 'explain', options: { question } });
      await ix.waitForReply();
      return millis(start);
    };
    for (let i = 0; i < WARMUP; i++) await ask(i);
    const p50s: number[] = [];
    const p99s: number[] = [];
    for (let run = 0; run < RUNS; run++) {
      const samples: number[] = [];
      for (let i = 0; i < INTERACTIONS; i++) samples.push(await ask(i));
      const { p50, p99 } = p50p99(samples);
      p50s.push(p50);
      p99s.push(p99);
    }

    // Baseline: the same handler through the dispatcher, no transport.
    const services = h.bot.app.services;
    const ctx = {
      guildId: 'bench',
      inGuild: true,
      channelId: 'bench',
      user: { id: 'bench', name: 'bench' },
      locale: 'ko' as const,
      t: translator('ko'),
      isAdmin: false,
      services,
      channel: { send: async () => ({ channelId: 'bench', messageId: '1' }), edit: async () => {} },
      fetchAttachment: async () => Buffer.alloc(0),
    };
    const base: number[] = [];
    for (let i = 0; i < INTERACTIONS; i++) {
      const start = process.hrtime.bigint();
      await runCommand(h.bot.app.registry, ctx, {
        name: 'explain',
        options: { question: QUESTIONS[i % QUESTIONS.length] },
      });
      base.push(millis(start));
    }
    const baseline = p50p99(base);
    const p50 = median(p50s);
    const p99 = median(p99s);
    const violations = h.fake.violations.length;
    return {
      name: `Discord round trip: ${INTERACTIONS} /explain interactions through the fake Discord (median of ${RUNS} runs)`,
      rows: [
        { metric: 'interaction → reply p50', value: round(p50), unit: 'ms' },
        { metric: 'interaction → reply p99', value: round(p99), unit: 'ms', note: 'target < 20 ms' },
        { metric: 'handler alone (baseline) p50', value: round(baseline.p50), unit: 'ms' },
        { metric: 'handler alone (baseline) p99', value: round(baseline.p99), unit: 'ms' },
        { metric: 'round trip / handler (p50)', value: round(p50 / Math.max(baseline.p50, 1e-6), 1), unit: '×' },
        { metric: 'rule violations recorded by the fake', value: violations, unit: '' },
      ],
    };
  } finally {
    await h.close();
  }
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? '').href) {
  console.log(formatReport(await benchDiscord()));
}
