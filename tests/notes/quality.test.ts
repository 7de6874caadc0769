/**
 * `/explain` on real study-group notes (bench/quality): a regression floor, not the target (the target is issue 11's
 * ≥ 90 % top-1; `npm run bench -- quality` prints the figures and writes the misses).
 *
 * It runs the committed corpora (tests/notes/fixtures/real/<id>/) and the local ones that
 * `npx tsx bench/quality/fetch-local.ts` exported to bench/quality/local/; a corpus that is not there is skipped.
 * Today no corpus is committed: none of the groups found publishes its notes under a licence, so on a machine without
 * the export this whole suite is skipped.
 *
 * The floors are the figures measured at e1dc8a2 (issue 11's rules so far, and the dev-set label fixes listed in its
 * closing note), minus about 3 points for top-1 and one question for negatives: they catch a regression, and should
 * be raised as the search improves. A corpus without a floor here is measured and printed but not held to one.
 */
import { existsSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { corpusDir, pct, runQuality, tally, type CorpusRun } from '../../bench/quality.js';
import { readCorpora } from '../../bench/quality/fetch-local.js';

/** Minimum top-1 (%) per corpus; the comment is the figure it was set from (with the fresh batch of 2026-12-01). */
const TOP1_FLOOR: Record<string, number> = {
  'flataex-docker-study': 89, // 92.4 % (85/92)
  'fe-docker-study-docker-study-docs': 87, // 90.5 % (76/84)
  'mash-up-kr-Mash-Up-15th-Server-k8s-Study': 85, // 88.3 % (53/60)
  'smwu-aws-cloud-club-k8s-study': 92, // 95.5 % (85/89)
  // The held-out batches (bench/quality/README.md), after the fixes their misses showed.
  'kiworkshop-2021-docker-study': 83, // 86.7 % (26/30)
  'AUSG-2023-kubernetes-study': 87, // 91.7 % (22/24)
  'sillim-programmer-kubernetes-in-action-study': 93, // 97.0 % (32/33)
  'Hyunju37-SSAFY-Docker-Study': 86, // 88.9 % (32/36)
  'kiosk123-docker-study': 79, // 82.4 % (28/34) on 2026-12-02
  'jerry0339-kubernetes-study': 83, // 86.8 % (33/38) on 2026-12-02
  'il-kyun-kubernetes-study': 96, // 100 % (29/29) on 2026-12-02
  'StarsinLiver-kubernetes-studying': 88, // 92.3 % (24/26) on 2026-12-02
  'tldms1119-Kubernetes-Study-Notes': 87, // 91.7 % (22/24) on 2026-12-02
  'joont92-kubernetes-study': 95, // 100 % (20/20) on 2026-12-02
  'jewan100-docker-k8s-study': 81, // 85.2 % (23/27) on 2026-12-02
  'dydtjr1128-Docker-K8s-Study': 77, // 81.8 % (18/22) on 2026-12-02
  'taeuk0210-docker-k8s-study': 85, // 89.3 % (25/28) on 2026-12-02
};
/**
 * Minimum share (%) of the not-covered questions answered "not found", over every corpus run: set from 83.9 % (78/93,
 * with the ninth held-out batch of 2026-12-02) minus about two questions.
 */
const NEGATIVES_FLOOR = 81;

const present = readCorpora().filter((c) => c.committed || existsSync(corpusDir(c)));

describe.skipIf(present.length === 0)('/explain on real notes (bench/quality)', () => {
  let runs: CorpusRun[] = [];

  it('loads every present corpus (and names the questions whose headings are gone)', async () => {
    runs = await runQuality({ corpora: (c) => present.some((p) => p.id === c.id) });
    expect(runs.map((r) => r.info.id)).toEqual(present.map((c) => c.id));
    const unknown = runs.flatMap((r) => r.unknown);
    // A heading that is gone means the notes or the parser changed: fix bench/quality/questions.jsonl.
    if (unknown.length > 0) console.log(unknown.join('\n'));
    expect(runs.every((r) => r.sections > 0)).toBe(true);
  }, 60_000);

  it('keeps top-1 above each corpus floor', () => {
    const lines = runs.map((run) => {
      const t = tally(run.ours);
      return { id: run.info.id, top1: pct(t.top1, t.answerable), of: `${t.top1}/${t.answerable}` };
    });
    console.log(lines.map((l) => `${l.id}: top-1 ${l.top1} % (${l.of})`).join('\n'));
    for (const line of lines) {
      const floor = TOP1_FLOOR[line.id];
      if (floor !== undefined) expect(line.top1, line.id).toBeGreaterThanOrEqual(floor);
    }
  });

  it('keeps saying "not found" for what the notes do not cover', () => {
    const t = tally(runs.flatMap((r) => r.ours));
    expect(pct(t.rejected, t.negatives)).toBeGreaterThanOrEqual(NEGATIVES_FLOOR);
  });
});
