/**
 * The meeting domain's commands and buttons, for the app's registry. The app constructs `services.meeting` with
 * `createMeetingService(config)` (loads and validates RULES_PATH).
 */
import type { Command, ComponentHandler } from '../types.js';
import { finesCommand } from './fines.js';
import { meetingCommand, meetingComponents } from './meeting.js';
import { presenterCommand } from './presenter.js';

export const meetingCommands = [presenterCommand, meetingCommand, finesCommand] as unknown as Command[];
export const meetingComponentHandlers: ComponentHandler[] = meetingComponents;

export { createMeetingService } from '../../meeting/rules.js';
