/**
 * The group domain's ports over Discord's REST API: guild scheduled events (Discord's errors mapped to the core's:
 * 50013 Missing Permissions → EventsDeniedError, 10070 Unknown Guild Scheduled Event → EventGoneError) and DMs.
 */
import { DiscordAPIError, type Client } from 'discord.js';
import { Routes } from 'discord-api-types/v10';
import {
  EventGoneError,
  EventsDeniedError,
  type ScheduledEventBody,
  type ScheduledEventsPort,
} from '../group/events.js';
import type { DirectMessagePort } from '../quiz/reminders.js';
import { toRestMessage } from './render.js';

function mapError(err: unknown): unknown {
  if (err instanceof DiscordAPIError) {
    if (err.code === 50013 || err.code === 50001) return new EventsDeniedError(err.message, { cause: err });
    if (err.code === 10070) return new EventGoneError(err.message, { cause: err });
  }
  return err;
}

export function scheduledEventsPort(client: Client): ScheduledEventsPort {
  return {
    async create(guildId, body: ScheduledEventBody) {
      try {
        const event = (await client.rest.post(Routes.guildScheduledEvents(guildId), { body })) as { id: string };
        return { id: event.id };
      } catch (err) {
        throw mapError(err);
      }
    },
    async modify(guildId, eventId, body) {
      try {
        await client.rest.patch(Routes.guildScheduledEvent(guildId, eventId), { body });
      } catch (err) {
        throw mapError(err);
      }
    },
    async remove(guildId, eventId) {
      try {
        await client.rest.delete(Routes.guildScheduledEvent(guildId, eventId));
      } catch (err) {
        throw mapError(err);
      }
    },
  };
}

export function directMessagePort(client: Client): DirectMessagePort {
  return {
    async sendDm(userId, reply) {
      const channel = (await client.rest.post(Routes.userChannels(), { body: { recipient_id: userId } })) as {
        id: string;
      };
      const { body, files } = toRestMessage(reply);
      await client.rest.post(Routes.channelMessages(channel.id), { body, files });
    },
  };
}
