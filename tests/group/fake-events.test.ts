/**
 * The fake Discord's guild scheduled events enforce Discord's rules, so the bot's sync is tested against them:
 * Manage Events (403 50013), the fields an EXTERNAL or VOICE event needs (400 50035 with per-field errors), start
 * times in the past, and unknown events (404 10070).
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeDiscord, type Json } from '../support/fake-discord.js';
import { BOT_WITH_EVENTS } from './support.js';

let fake: FakeDiscord;
beforeAll(async () => {
  fake = await FakeDiscord.start({
    guilds: [
      { id: '100000000000000001', voiceChannels: ['voice'], botPermissions: BOT_WITH_EVENTS },
      { id: '100000000000000002' },
    ],
  });
});
afterAll(async () => fake?.close());

async function call(method: string, path: string, body?: unknown): Promise<{ status: number; body: Json }> {
  const res = await fetch(`${fake.apiUrl}/v10${path}`, {
    method,
    headers: { authorization: 'Bot t', 'content-type': 'application/json' },
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
  const text = await res.text();
  return { status: res.status, body: text ? (JSON.parse(text) as Json) : {} };
}

const future = (h: number) => new Date(Date.now() + h * 3_600_000).toISOString();
const external = {
  name: '1주차',
  privacy_level: 2,
  entity_type: 3,
  scheduled_start_time: future(48),
  scheduled_end_time: future(50),
  entity_metadata: { location: '강남' },
};

describe('fake Discord scheduled events', () => {
  it('needs Manage Events', async () => {
    const r = await call('POST', '/guilds/100000000000000002/scheduled-events', external);
    expect(r).toMatchObject({ status: 403, body: { code: 50013 } });
  });

  it('an EXTERNAL event needs a location and an end time, and no channel', async () => {
    const { entity_metadata: _m, scheduled_end_time: _e, ...bare } = external;
    const r = await call('POST', '/guilds/100000000000000001/scheduled-events', { ...bare, channel_id: '1' });
    expect(r.status).toBe(400);
    expect(r.body.code).toBe(50035);
    const errors = r.body.errors as Json;
    expect(Object.keys(errors).sort()).toEqual(['channel_id', 'entity_metadata', 'scheduled_end_time']);
  });

  it('a VOICE event needs a voice channel of the guild; a start in the past is refused', async () => {
    const text = fake.guilds[0]?.channels[0]?.id;
    const voice = fake.guilds[0]?.channels.find((c) => c.type === 2)?.id;
    const bad = await call('POST', '/guilds/100000000000000001/scheduled-events', {
      ...external,
      entity_type: 2,
      entity_metadata: null,
      channel_id: text,
    });
    expect(Object.keys(bad.body.errors as Json)).toEqual(['channel_id']);
    const past = await call('POST', '/guilds/100000000000000001/scheduled-events', {
      ...external,
      scheduled_start_time: new Date(Date.now() - 60_000).toISOString(),
    });
    expect(JSON.stringify(past.body.errors)).toContain('GUILD_SCHEDULED_EVENT_SCHEDULE_PAST');
    const ok = await call('POST', '/guilds/100000000000000001/scheduled-events', {
      ...external,
      entity_type: 2,
      entity_metadata: null,
      channel_id: voice,
    });
    expect(ok.status).toBe(200);
    expect(ok.body).toMatchObject({ entity_type: 2, channel_id: voice, status: 1, guild_id: '100000000000000001' });
  });

  it('PATCH checks the event as it would become; an unknown event is 404 10070', async () => {
    const made = await call('POST', '/guilds/100000000000000001/scheduled-events', external);
    const id = String(made.body.id);
    const toVoice = await call('PATCH', `/guilds/100000000000000001/scheduled-events/${id}`, { entity_type: 2 });
    expect(toVoice.status).toBe(400); // still no channel
    const renamed = await call('PATCH', `/guilds/100000000000000001/scheduled-events/${id}`, { name: '2주차' });
    expect(renamed.body.name).toBe('2주차');
    expect((await call('DELETE', `/guilds/100000000000000001/scheduled-events/${id}`)).status).toBe(204);
    const gone = await call('PATCH', `/guilds/100000000000000001/scheduled-events/${id}`, { name: 'x' });
    expect(gone).toMatchObject({ status: 404, body: { code: 10070 } });
  });
});
