/**
 * `cli template export [--user ID] [--db PATH]` prints the member's filled study template (markdown) on stdout.
 * `cli template import FILE [--user ID] [--db PATH] [--yes] [--json]` shows what the file would record and
 * records it only with `--yes` (the console's confirmation step).
 */
import { readFile } from 'node:fs/promises';
import { memberToday } from '../../study/deps.js';
import {
  applyImport,
  decodeTemplate,
  exportTemplate,
  isEmptyPlan,
  planImport,
  type ImportPlan,
} from '../../study/importer.js';
import { memberNames } from '../../study/store.js';
import { fmtMinutes } from '../../commands/study/common.js';
import { starBar } from '../../study/template.js';
import type { Translator } from '../../i18n/index.js';
import { CliUsageError, writeLine, type CliCommand, type CliIo } from '../types.js';
import { commonOptions, parseFlags, printJson, withStudy } from './studyCommon.js';

const USAGE = [
  'template export [--user ID] [--db PATH]',
  'template import FILE [--user ID] [--db PATH] [--yes] [--json]',
];

export const templateCli: CliCommand = {
  name: 'template',
  usage: USAGE,
  async run(argv, io) {
    const { values, positionals } = parseFlags(argv, { ...commonOptions, yes: { type: 'boolean' } });
    const [action, file, ...extra] = positionals;
    if (action === 'export' && file === undefined) {
      return withStudy(io, values, ({ deps, guildId, userId, t }) => {
        const name = memberNames(deps.db, guildId).get(userId) ?? userId;
        const header = t('study.template.header', {
          book: deps.book.title,
          name,
          date: memberToday(deps, guildId, userId),
        });
        io.stdout.write(exportTemplate(deps, guildId, userId, header));
        return 0;
      });
    }
    if (action !== 'import' || file === undefined || extra.length > 0) {
      throw new CliUsageError(`usage: ${USAGE.join(' | ')}`);
    }
    let data: Buffer;
    try {
      data = await readFile(file);
    } catch (err) {
      throw new CliUsageError(`cannot read ${file}: ${(err as NodeJS.ErrnoException).code ?? String(err)}`);
    }
    const markdown = decodeTemplate(data);
    return withStudy(io, values, async ({ deps, guildId, userId, t }) => {
      const plan = await planImport(deps, guildId, userId, markdown);
      const counts = values.yes && !isEmptyPlan(plan) ? applyImport(deps, guildId, userId, plan) : null;
      if (values.json) {
        printJson(io, { user: userId, recorded: counts !== null, plan, counts });
        return 0;
      }
      printPlan(io, t, plan);
      if (isEmptyPlan(plan)) writeLine(io.stdout, t('study.cli.importNothing'));
      else if (counts) {
        writeLine(io.stdout, t('study.cli.imported', { ...counts, time: fmtMinutes(t, counts.minutes) }));
      } else writeLine(io.stderr, t('study.cli.importDryRun'));
      return 0;
    });
  },
};

function printPlan(io: CliIo, t: Translator, plan: ImportPlan): void {
  for (const l of plan.logs)
    writeLine(io.stdout, t('study.cli.planTime', { chapter: l.chapter, time: fmtMinutes(t, l.minutes) }));
  for (const r of plan.ratings) {
    writeLine(io.stdout, t('study.cli.planRating', { chapter: r.chapter, bar: starBar(r.stars), stars: r.stars }));
  }
  for (const q of plan.questions) {
    writeLine(io.stdout, t('study.cli.planQuestion', { mark: q.done ? 'x' : ' ', text: q.text }));
  }
  for (const w of plan.warnings) writeLine(io.stderr, `warning: ${t(w.key, w.params)}`);
}
