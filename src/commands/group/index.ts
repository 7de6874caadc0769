/** The group domain's commands (issue 13: schedule, week, link) for the app's registry. */
import type { GroupService } from '../../group/service.js';
import type { Command } from '../types.js';
import { linkCommand } from './link.js';
import { scheduleCommand } from './schedule.js';
import { weekCommand } from './week.js';

declare module '../types.js' {
  interface Services {
    group: GroupService;
  }
}

export const groupCommands = [scheduleCommand, weekCommand, linkCommand] as unknown as Command[];
