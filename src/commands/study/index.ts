/**
 * The study domain's commands and buttons, for the app's registry. The app constructs `services.study` with
 * `createStudyService(config)` (loads and validates BOOK_PATH).
 */
import type { StudyService } from '../../study/service.js';
import type { Command, ComponentHandler } from '../types.js';
import { backupCommand, exportCommand } from './data.js';
import { groupButton, groupCommand } from './group.js';
import { logCommand, logDeleteButton, logPageButton } from './log.js';
import { progressCommand } from './progress.js';
import { questionCommand } from './question.js';
import { rateCommand } from './rate.js';
import { settingsCommand } from './settings.js';
import { importButton, templateCommand } from './template.js';

declare module '../types.js' {
  interface Services {
    study: StudyService;
  }
}

export const studyCommands = [
  logCommand,
  rateCommand,
  questionCommand,
  progressCommand,
  groupCommand,
  templateCommand,
  exportCommand,
  backupCommand,
  settingsCommand,
] as unknown as Command[];

export const studyComponents: ComponentHandler[] = [logDeleteButton, logPageButton, groupButton, importButton];

export { createStudyService } from '../../study/service.js';
