/** Helpers shared by the group's Discord tests. */
import { PermissionFlagsBits } from 'discord-api-types/v10';
import type { CommandInvocation, FakeInteraction, InteractionResponse, Json } from '../support/fake-discord.js';
import { MEMBER_PERMISSIONS } from '../support/fake-discord-payloads.js';
import type { BotHarness } from '../support/bot.js';

export const WAIT_MS = 15_000;
export const ADMIN = (BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageGuild).toString();
export const BOT_WITH_EVENTS = (BigInt(MEMBER_PERMISSIONS) | PermissionFlagsBits.ManageEvents).toString();

export const member = (n: number) => ({ id: `70000000000000000${n}`, username: `member${n}`, globalName: `멤버${n}` });

export const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
export const contentOf = (r: InteractionResponse): string => String(r.message?.content ?? '');
export const descOf = (r: InteractionResponse): string => String(embedOf(r).description ?? '');
export const choicesOf = (r: InteractionResponse) =>
  ((r.data.choices as Json[] | undefined) ?? []) as { name: string; value: string }[];

export const reply = (ix: FakeInteraction) => ix.waitForReply(undefined, WAIT_MS);

export function sender(h: () => BotHarness) {
  return async (invocation: CommandInvocation) => reply(await h().fake.sendCommand(invocation));
}

export const eventRequests = (h: BotHarness) => h.fake.requests.filter((r) => r.route.includes('scheduled-events'));
