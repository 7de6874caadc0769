/**
 * Composition root: reads nothing from the environment itself (it gets a validated Config), opens the
 * database, loads the notes and builds the command registry that both adapters (Discord, console) use.
 */
import { systemClock, type Clock, type Logger } from './core/context.js';
import { notesCachePath, processEnvironment, type Config } from './config.js';
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
import { registryFromConfig } from './sandbox/registry.js';
import { studyCommands, studyComponents } from './commands/study/index.js';
import { createStudyService } from './study/service.js';
import { createParseCache, loadNotes, NotesMemoryError } from './notes/load.js';
import { createNotesIndex } from './notes/notes-index.js';
import { persistentParseCache, type PersistentParseCache } from './notes/cache.js';
import type { NotesIndex } from './notes/types.js';
import { liveNotesStore } from './notes/store.js';
import { watchNotes, type NotesWatcherOptions } from './notes/watch.js';
import { notesCommand, notesComponents } from './commands/notes.js';
import { feedbackComponents } from './commands/feedback.js';
import { parseRecordHeadings } from './notes/headings.js';
import { openNotesRepo, repoNotesDir, repoSettingsFrom, type NotesRepo } from './repo/service.js';
import { createMeetingService, meetingCommands, meetingComponentHandlers } from './commands/meeting/index.js';
import { groupCommands } from './commands/group/index.js';
import { createGroupService, type GroupPorts } from './group/service.js';
import { meetingsFromBook } from './group/yaml.js';

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
  /** The notes repository's poll timer (NOTES_GIT_URL; tests pass manual timers). */
  notesRepo?: { timers?: Timers };
  /** The group domain's ways out to Discord (scheduled events, DMs, channel posts); the Discord adapter sets them. */
  groupPorts?: Partial<GroupPorts>;
}

export function recordHeadings(config: Config): string[] {
  return parseRecordHeadings(config.NOTES_RECORD_HEADINGS);
}

/**
 * The notes parse cache this configuration asks for (NOTES_CACHE_PATH), keyed by what sections depend on: the
 * folder (image paths are absolute) and the record headings. Null when the configuration turns it off.
 */
export function openNotesCache(
  config: Config,
  dir: string,
  headings: readonly string[],
  logger?: Logger,
): PersistentParseCache | null {
  const file = notesCachePath(config);
  if (!file) return null;
  return persistentParseCache(file, {
    settings: `${dir}\u0000${headings.join('\u0000')}`,
    ...(logger ? { logger } : {}),
  });
}

/**
 * The first index. Notes too large for the heap do not stop the bot: it starts with no notes, says so in one log
 * line naming the folder and what to do, and the next reload (after the notes shrink) fills the index.
 */
async function loadInitial(dir: string, load: () => Promise<NotesIndex>, logger: Logger): Promise<NotesIndex> {
  try {
    return await load();
  } catch (err) {
    if (!(err instanceof NotesMemoryError)) throw err;
    logger.error({ dir }, `notes: ${err.message}`);
    return createNotesIndex(dir, [], [err.message]);
  }
}

export async function createApp(config: Config, options: AppOptions): Promise<App> {
  const { logger } = options;
  // The database first: a corrupt or too-new database refuses to start before anything else is loaded.
  const db = openDatabase(config.DATABASE_PATH, { backupDir: config.BACKUP_DIR });
  let study;
  let meeting;
  let notes;
  let cache: PersistentParseCache | null = null;
  let repo: NotesRepo | null = null;
  const clock = options.clock ?? systemClock;
  try {
    study = await createStudyService(config);
    meetingsFromBook(study.book, config.STUDY_TIMEZONE); // book.yaml's meetings: a bad date stops the start here
    meeting = await createMeetingService(config);
    // One parse cache for the app's life, kept on disk: a reload or a restart parses only the files that changed.
    const headings = recordHeadings(config);
    // NOTES_GIT_URL: the notes are the clone's book folder, synced from the group's repository (src/repo).
    const repoSettings = repoSettingsFrom(config);
    const notesDir = repoSettings ? repoNotesDir(repoSettings) : config.NOTES_DIR;
    cache = openNotesCache(config, notesDir, headings, logger);
    const loadOptions = { logger, recordHeadings: headings, cache: cache ?? createParseCache() };
    if (repoSettings) {
      repo = await openNotesRepo({
        settings: repoSettings,
        baseEnv: processEnvironment(),
        load: (dir, authorFallback) => loadNotes(dir, { ...loadOptions, authorFallback }),
        logger,
        clock,
        ...(options.notesRepo?.timers ? { timers: options.notesRepo.timers } : {}),
      });
      notes = repo.store;
    } else {
      const loadAll = () => loadNotes(config.NOTES_DIR, loadOptions);
      notes = liveNotesStore(await loadInitial(config.NOTES_DIR, loadAll, logger), { load: loadAll, logger });
    }
  } catch (err) {
    repo?.close();
    cache?.close();
    db.close();
    throw err;
  }
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
  const group = createGroupService(options.groupPorts);
  const imageRegistry = registryFromConfig(config, { clock });
  const services: Services = {
    config,
    clock,
    logger,
    db,
    notes,
    repo,
    ...quiz,
    sandbox,
    registry: imageRegistry,
    study,
    meeting,
    group,
  };
  const commands: Command[] = [];
  const help = helpCommand(() => commands.map((c) => c.data));
  commands.push(
    explainCommand as Command,
    ...(studyCommands as Command[]),
    ...(quizCommands as Command[]),
    ...(sandboxCommands as Command[]),
    help as Command,
    notesCommand as Command,
    ...meetingCommands,
    ...groupCommands,
    ...(options.extraCommands ?? []),
  );
  const registry = createRegistry(commands, [
    ...explainComponents,
    ...feedbackComponents,
    ...notesComponents,
    ...studyComponents,
    ...quizComponents,
    ...sandboxComponents,
    ...meetingComponentHandlers,
    ...(options.extraComponents ?? []),
  ]);
  const { watchNotes: watch } = options;
  // The clone changes only by a sync, which reloads the notes itself: no watcher on it.
  const watcher =
    watch && !repo
      ? watchNotes({ dir: config.NOTES_DIR, store: notes, logger, ...(typeof watch === 'object' ? watch : {}) })
      : null;
  return {
    config,
    services,
    registry,
    close() {
      watcher?.close();
      repo?.close();
      cache?.close();
      services.quiz.shutdown();
      if (db.open) db.close();
    },
  };
}
