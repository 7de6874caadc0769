/** Every CLI subcommand. Add one line per command. */
import type { CliCommand } from '../types.js';

import { explainCli } from './explain.js';
import { imagerefCli } from './imageref.js';
import { inspectCli } from './inspect.js';
import { imagesCli } from './images.js';
import { layersCli } from './layers.js';
import { registryCli } from './registry.js';
import { networksCli, volumesCli } from './storage.js';
import { quizCli } from './quiz.js';
import { logCli } from './log.js';
import { rateCli } from './rate.js';
import { progressCli } from './progress.js';
import { templateCli } from './template.js';
import { notesCli } from './notes.js';
import { presenterCli } from './presenter.js';
import { meetingCli } from './meeting.js';
import { finesCli } from './fines.js';
import { scheduleCli } from './schedule.js';
import { weekCli } from './week.js';
import { linkCli } from './link.js';

export const cliCommands: CliCommand[] = [
  explainCli,
  imagerefCli,
  inspectCli,
  imagesCli,
  layersCli,
  volumesCli,
  networksCli,
  registryCli,
  quizCli,
  logCli,
  rateCli,
  progressCli,
  templateCli,
  notesCli,
  presenterCli,
  meetingCli,
  finesCli,
  scheduleCli,
  weekCli,
  linkCli,
];
