/**
 * Composition root: reads nothing from the environment itself (it gets a validated Config), opens the
 * database, loads the notes and builds the command registry that both adapters (Discord, console) use.
 */
import { systemClock, type Clock, type Logger } from './core/context.js';
import type { Config } from './config.js';
import { openDatabase } from './db/connection.js';
import { createRegistry, type Registry } from './commands/dispatch.js';
import { explainCommand, explainComponents } from './commands/explain.js';
import { helpCommand } from './commands/help.js';
import type { ChannelPort, Command, ComponentHandler, Services } from './commands/types.js';
import { quizCommands, quizComponents } from './commands/quiz.js';
import { createQuizServices } from './quiz/services.js';
import type { Timers } from './quiz/timers.js';
import { sandboxCommands, sandboxComponents } from './commands/sandbox.js';
import { sandboxFromConfig } from './sandbox/service.js';
import { studyCommands, studyComponents } from './commands/study/index.js';
import { createStudyService } from './study/service.js';
import { loadNotes } from './notes/load.js';
import { liveNotesStore } from './notes/store.js';
import { watchNotes, type NotesWatcherOptions } from './notes/watch.js';
import { notesCommand } from './commands/notes.js';
import { parseRecordHeadings } from './notes/parse.js';

export interface App {
  config: Config;
  services: Services;
  registry: Registry;
  close(): void;
}

export interface AppOptions {
  logger: Logger;
  clock?: Clock;
  /** Extra commands (tests use this for a handler that throws or is slow). */
  extraCommands?: Command[];
  extraComponents?: ComponentHandler[];
  /** Quiz timing overrides (tests inject timers and shorten the lobby and reveal pauses). */
  quiz?: { timers?: Timers; lobbySeconds?: number; revealSeconds?: number };
  /** How the quiz reaches a channel outside an interaction (editing a quiz left open by a restart). */
  channelFor?: (channelId: string) => ChannelPort | undefined;
  /** Reload the notes when the folder changes (src/main.ts turns it on); an object tunes the debounce. */
  watchNotes?: boolean | Pick<NotesWatcherOptions, 'debounceMs' | 'retryMs'>;
}

export function recordHeadings(config: Config): string[] {
  return parseRecordHeadings(config.NOTES_RECORD_HEADINGS);
}

export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  // The database first: a corrupt or too-new database refuses to start before anything else is loaded.
  const db = openDatabase(config.DATABASE_PATH, { backupDir: config.BACKUP_DIR });
  let study;
  let notes;
  try {
    study = await createStudyService(config);
    const loadOptions = { logger, recordHeadings: recordHeadings(config) };
    const loadAll = () => loadNotes(config.NOTES_DIR, loadOptions);
    notes = liveNotesStore(await loadAll(), { load: loadAll, logger });
  } catch (err) {
    db.close();
    throw err;
  }
  const clock = options.clock ?? systemClock;
  const quiz = createQuizServices({
    db,
    clock,
    logger,
    notes,
    quizDir: config.QUIZ_DIR,
    timeZone: config.STUDY_TIMEZONE,
    ...options.quiz,
    ...(options.channelFor ? { channelFor: options.channelFor } : {}),
  });
  const sandbox = sandboxFromConfig(config, { clock });
  const services: Services = { config, clock, logger, db, notes, ...quiz, sandbox, study };
  const commands: Command[] = [];
  const help = helpCommand(() => commands.map((c) => c.data));
  commands.push(
    explainCommand as Command,
    ...(studyCommands as Command[]),
    ...(quizCommands as Command[]),
    ...(sandboxCommands as Command[]),
    help as Command,
    notesCommand as Command,
    ...(options.extraCommands ?? []),
  );
  const registry = createRegistry(commands, [
    ...explainComponents,
    ...studyComponents,
    ...quizComponents,
    ...sandboxComponents,
    ...(options.extraComponents ?? []),
  ]);
  const { watchNotes: watch } = options;
  const watcher = watch
    ? watchNotes({ dir: config.NOTES_DIR, store: notes, logger, ...(typeof watch === 'object' ? watch : {}) })
    : null;
  return {
    config,
    services,
    registry,
    close() {
      watcher?.close();
      services.quiz.shutdown();
      if (db.open) db.close();
    },
  };
}
