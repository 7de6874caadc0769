/**
 * `cli presenter pick [--week N] [--seed S] [--dry-run] [--again] [--notes DIR] [--user ID] [--db PATH] [--json]`
 * and `cli presenter history [--json]`. The CLI acts in the local console's guild, like the study commands, or in
 * the server `--guild` names (to check a pick the bot made in Discord against its database).
 */
import { storedBook } from '../../group/books.js';
import type { Meeting } from '../../group/schedule.js';
import { weekBoard } from '../../group/week.js';
import { loadRules, RulesError } from '../../meeting/rules.js';
import { pick, pickReason, presenterHistory, resolveMeeting, type MeetingDeps } from '../../meeting/service.js';
import { CliUsageError, writeLine, type CliCommand, type CliIo } from '../types.js';
import { commonOptions, guildIdFrom, parseFlags, printJson, withStudy, type StudySession } from './studyCommon.js';
import { openNotes } from '../notes.js';

const PICK =
  'presenter pick [--week N] [--seed S] [--dry-run] [--again] [--guild ID] [--notes DIR] [--user ID] [--db PATH] [--json]';
const HISTORY = 'presenter history [--guild ID] [--db PATH] [--json]';

/** The meeting core's deps for a CLI call: the study session's database and book, the rules file, the notes. */
export async function meetingSession(
  io: CliIo,
  session: StudySession,
  notesDir: string | undefined,
  guildId: string = session.guildId,
): Promise<MeetingDeps> {
  let rules;
  try {
    rules = await loadRules(io.config.RULES_PATH);
  } catch (err) {
    if (err instanceof RulesError) throw new CliUsageError(err.message);
    throw err;
  }
  const notes = await openNotes(io.config, notesDir);
  const { db, book, clock, groupTimeZone } = session.deps;
  return {
    db,
    clock,
    book,
    bookOf: (key) => storedBook(db, guildId, key),
    rules,
    groupTimeZone,
    notes: () => notes,
    board: (m) => weekBoard({ db, notes }, guildId, m).members,
  };
}

/**
 * Runs `fn` in the study session with the meeting core's deps for the guild `--guild` names (checked before the
 * session opens) or the console's.
 */
export async function withMeeting<T>(
  io: CliIo,
  flags: { db?: string; user?: string; guild?: string; notes?: string },
  fn: (session: StudySession, deps: MeetingDeps, guildId: string) => T | Promise<T>,
): Promise<T> {
  const guild = flags.guild;
  if (guild !== undefined) guildIdFrom(guild, '');
  return withStudy(io, flags, async (session) => {
    const guildId = guildIdFrom(guild, session.guildId);
    return fn(session, await meetingSession(io, session, flags.notes, guildId), guildId);
  });
}

/** `--guild ID`: the server to act in (default: the local console's), so a Discord pick can be checked again. */
export const guildOption = { guild: { type: 'string' } } as const;

/** A week number flag: 1–999. */
export function weekFlag(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  if (!/^\d{1,3}$/.test(value.trim()) || Number(value) < 1) throw new CliUsageError('--week must be a number 1–999');
  return Number(value);
}

export const meetingJson = (m: Meeting) => ({
  id: m.id,
  book: m.book,
  week: m.seq,
  startsAt: new Date(m.startsAt).toISOString(),
  deadlineAt: new Date(m.deadlineAt).toISOString(),
  chapters: m.chapters,
  presenter: m.presenter,
  place: m.place,
});

export const presenterCli: CliCommand = {
  name: 'presenter',
  usage: [PICK, HISTORY],
  async run(argv, io) {
    const [sub, ...rest] = argv;
    if (sub !== 'pick' && sub !== 'history') throw new CliUsageError(`usage: ${PICK} | ${HISTORY}`);
    const { values, positionals } = parseFlags(rest, {
      ...commonOptions,
      week: { type: 'string' },
      seed: { type: 'string' },
      notes: { type: 'string' },
      'dry-run': { type: 'boolean' },
      again: { type: 'boolean' },
      ...guildOption,
    });
    if (positionals.length > 0) throw new CliUsageError(`unexpected "${positionals[0]}"; usage: ${PICK}`);
    const week = weekFlag(values.week);
    if (values.seed !== undefined && (values.seed.trim() === '' || values.seed.length > 64)) {
      throw new CliUsageError('--seed must be 1–64 characters');
    }
    return withMeeting(io, values, async (session, deps, guildId) => {
      if (sub === 'history') {
        const turns = presenterHistory(deps, guildId);
        if (values.json)
          printJson(io, { presenters: turns.map((t) => ({ ...t, startsAt: new Date(t.startsAt).toISOString() })) });
        else
          for (const t of turns)
            writeLine(io.stdout, `week ${t.seq}: ${t.presenter?.name ?? '—'}${t.seed ? ` (seed ${t.seed})` : ''}`);
        return 0;
      }
      const meeting = resolveMeeting(deps, guildId, week);
      const report = pick(deps, guildId, meeting, {
        seed: values.seed,
        by: session.userId,
        again: values.again === true,
        dryRun: values['dry-run'] === true,
      });
      if (values.json) {
        printJson(io, {
          meeting: meetingJson(report.meeting),
          presenter: report.presenter,
          candidates: report.candidates,
          seed: report.seed,
          reason: pickReason(report),
          saved: report.saved,
        });
        return 0;
      }
      writeLine(
        io.stdout,
        session.t('meeting.cli.picked', { week: meeting.seq, name: report.presenter.name, seed: report.seed }),
      );
      writeLine(io.stdout, pickReason(report));
      return 0;
    });
  },
};
