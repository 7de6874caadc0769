/**
 * The fake Discord server against a plain, unmodified discord.js Client: login, interactions, Discord's rules,
 * gateway breakage and recovery. Nothing here sleeps: every wait is on an event from the client or the fake.
 */
import { once } from 'node:events';
import {
  ActionRowBuilder,
  AttachmentBuilder,
  ButtonBuilder,
  ButtonStyle,
  Client,
  Events,
  GatewayIntentBits,
  MessageFlags,
  Routes,
  type Interaction,
} from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { FakeDiscord, type FakeDiscordOptions } from '../support/fake-discord.js';

let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  client = undefined;
  fake = undefined;
});

/** Starts a fake and logs a plain Client into it; resolves once the client emitted ready. */
async function connect(options: FakeDiscordOptions = {}) {
  const f = (fake = await FakeDiscord.start(options));
  const c = (client = new Client({ intents: [GatewayIntentBits.Guilds], rest: { api: f.apiUrl } }));
  const ready = once(c, Events.ClientReady);
  await c.login('fake-token');
  await ready;
  return { fake: f, client: c };
}

/** Runs `handle` on the bot's next interaction; resolves with its result, or with the error it threw. */
function onNextInteraction(c: Client, handle: (i: Interaction) => Promise<unknown>): Promise<unknown> {
  return new Promise((resolve) => {
    c.once(Events.InteractionCreate, (i) => void handle(i).then(resolve, resolve));
  });
}

const explainCommand = {
  name: 'explain',
  description: '노트에서 개념을 설명합니다',
  description_localizations: { 'en-US': 'Explain a concept from the notes' },
  options: [{ type: 3, name: 'query', description: '개념', required: true, autocomplete: true }],
};

describe('login and gateway handshake', () => {
  it('lets an unmodified client log in and become ready with the guild cached, well under 15 s', async () => {
    const started = Date.now();
    const { fake, client } = await connect();

    expect(Date.now() - started).toBeLessThan(5000);
    expect(client.user?.id).toBe(fake.applicationId);
    expect(client.guilds.cache.get(fake.guild.id)?.name).toBe('Docker Study');
    expect(client.channels.cache.has(fake.channel.id)).toBe(true);
    const sent = fake.gateway.log.filter((r) => r.direction === 'out').map((r) => r.t ?? `op${r.op}`);
    expect(sent.slice(0, 3)).toEqual(['op10', 'READY', 'GUILD_CREATE']);
    expect(fake.gateway.log.some((r) => r.direction === 'in' && r.op === 2)).toBe(true);
    expect(fake.requestsTo('GET /gateway/bot')).toHaveLength(1);
    expect(fake.violations).toEqual([]);
  });

  it('acknowledges heartbeats', async () => {
    const { fake } = await connect({ heartbeatIntervalMs: 100 });
    const [ack] = await fake.waitFor('gateway', (r) => r.direction === 'out' && r.op === 11);
    expect(ack.op).toBe(11);
    expect(fake.gateway.log.some((r) => r.direction === 'in' && r.op === 1)).toBe(true);
  });
});

describe('interactions', () => {
  it('delivers a slash command to interactionCreate and records interaction.reply', async () => {
    const { fake, client } = await connect();
    await client.application!.commands.set([explainCommand]);
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) throw new Error('expected a chat input command');
      const sent = await i.reply({
        content: `${i.locale}: ${i.options.getString('query', true)} 설명`,
        withResponse: true,
      });
      return { name: i.commandName, commandId: i.commandId, guildId: i.guildId, messageId: sent.resource?.message?.id };
    });

    const ix = await fake.sendCommand({ name: 'explain', options: { query: '이미지' } });
    const first = await ix.firstResponse();

    expect(first).toMatchObject({ kind: 'callback', callbackType: 4, ok: true, content: 'ko: 이미지 설명' });
    expect(await handled).toEqual({
      name: 'explain',
      commandId: fake.commands.global[0]?.id,
      guildId: fake.guild.id,
      messageId: first.message?.id,
    });
    expect(fake.requestsTo('POST /interactions/:interaction/:token/callback')[0]?.query).toEqual({
      with_response: 'true',
    });
    expect(fake.messages.get(String(first.message?.id))?.content).toBe('ko: 이미지 설명');
    expect(fake.violations).toEqual([]);
  });

  it('stores guild commands on bulk overwrite, keeping ids across re-registration', async () => {
    const { fake, client } = await connect();
    const first = await client.application!.commands.set([explainCommand], fake.guild.id);
    const again = await client.application!.commands.set([explainCommand], fake.guild.id);
    const listed = await client.application!.commands.fetch({ guildId: fake.guild.id });

    expect(again.first()?.id).toBe(first.first()?.id);
    expect([...listed.values()].map((c) => [c.name, c.guildId])).toEqual([['explain', fake.guild.id]]);
    expect(fake.commands.guild.get(fake.guild.id)?.[0]).toMatchObject({ name: 'explain', guild_id: fake.guild.id });
  });

  it('records deferReply followed by editReply, the edit being the visible reply', async () => {
    const { fake, client } = await connect();
    void onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.deferReply({ flags: MessageFlags.Ephemeral });
      await i.editReply({ content: '다 됐어요' });
    });

    const ix = await fake.sendCommand({ name: 'explain', options: { query: '볼륨' } });

    expect(await ix.firstResponse()).toMatchObject({ callbackType: 5, ok: true });
    expect(await ix.waitForReply()).toMatchObject({ kind: 'edit-original', ok: true, content: '다 됐어요' });
    expect(ix.original?.flags).toBe(MessageFlags.Ephemeral);
    expect(fake.violations).toEqual([]);
  });

  it('works in a DM with the bot (user instead of member)', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply('DM 답장');
      // Without Partials.Channel, discord.js does not cache DM channels, so `i.channel` is null here (as in production).
      return { inGuild: i.inGuild(), context: i.context, member: i.member, user: i.user.id };
    });

    const ix = await fake.sendCommand({ name: 'explain', guildId: null, options: { query: '네트워크' } });

    expect(await ix.waitForReply()).toMatchObject({ content: 'DM 답장' });
    expect(await handled).toEqual({ inGuild: false, context: 1, member: null, user: fake.user.id });
  });

  it('routes a button click to the bot and records the message update', async () => {
    const { fake, client } = await connect();
    void onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      const row = new ActionRowBuilder<ButtonBuilder>().addComponents(
        new ButtonBuilder().setCustomId('quiz:next').setLabel('다음').setStyle(ButtonStyle.Primary),
      );
      await i.reply({ content: '1번 문제', components: [row] });
    });
    await (await fake.sendCommand({ name: 'quiz' })).waitForReply();

    const clicked = onNextInteraction(client, async (i) => {
      if (!i.isButton()) throw new Error('expected a button');
      await i.update({ content: '2번 문제', components: [] });
      return { customId: i.customId, message: i.message.content };
    });
    const click = await fake.clickButton({ customId: 'quiz:next' });

    expect(await click.firstResponse()).toMatchObject({ callbackType: 7, ok: true, content: '2번 문제' });
    expect(await clicked).toEqual({ customId: 'quiz:next', message: '1번 문제' });
  });

  it('answers autocomplete with up to 25 choices', async () => {
    const { fake, client } = await connect();
    await client.application!.commands.set([explainCommand]);
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isAutocomplete()) throw new Error('expected autocomplete');
      await i.respond([{ name: '이미지', value: 'image' }]);
      return i.options.getFocused();
    });

    const ix = await fake.sendAutocomplete({ name: 'explain', options: { query: '이' }, focused: 'query' });

    expect(await ix.firstResponse()).toMatchObject({ callbackType: 8, ok: true });
    expect(ix.responses[0]?.data.choices).toEqual([{ name: '이미지', value: 'image' }]);
    expect(await handled).toBe('이');
  });

  it('serves attachment options from data.resolved.attachments', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      const file = i.options.getAttachment('file', true);
      const text = await (await fetch(file.url)).text();
      await i.reply(`${file.name}: ${text}`);
      return text;
    });

    const ix = await fake.sendCommand({ name: 'import', options: { file: { name: 'notes.md', data: '# 도커' } } });

    expect(await ix.waitForReply()).toMatchObject({ content: 'notes.md: # 도커' });
    expect(await handled).toBe('# 도커');
  });

  it('records multipart uploads: file names, sizes and bytes', async () => {
    const { fake, client } = await connect();
    void onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      const log = new AttachmentBuilder(Buffer.from('hello 도커'), { name: 'study-log.txt' });
      await i.reply({ content: '기록입니다', files: [log] });
    });

    const ix = await fake.sendCommand({ name: 'log' });
    const first = await ix.firstResponse();

    expect(first).toMatchObject({ ok: true, content: '기록입니다' });
    expect(first.files).toHaveLength(1);
    expect(first.files[0]).toMatchObject({ field: 'files[0]', name: 'study-log.txt', size: 12 });
    expect(first.files[0]?.data.toString()).toBe('hello 도커');
    const [attachment] = first.message?.attachments as { url: string; filename: string }[];
    expect(attachment?.filename).toBe('study-log.txt');
    expect(await (await fetch(attachment!.url)).text()).toBe('hello 도커');
  });
});

describe("Discord's rules", () => {
  it('rejects a 2001-character reply with 50035 and records the violation', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, (i) =>
      i.isRepliable() ? i.reply('가'.repeat(2001)) : Promise.resolve(),
    );

    const ix = await fake.sendCommand({ name: 'explain' });

    expect(await handled).toMatchObject({ code: 50035, status: 400 });
    expect(await ix.firstResponse()).toMatchObject({ ok: false, status: 400 });
    expect(fake.violations).toEqual([
      expect.objectContaining({
        rule: 'invalid-form-body',
        code: 50035,
        interactionId: ix.id,
        details: ['data.content: BASE_TYPE_MAX_LENGTH'],
      }),
    ]);
  });

  it('rejects oversized embeds, too many rows and duplicate custom ids in one 50035', async () => {
    const { fake, client } = await connect();
    const button = (id: string) => ({ type: 2, style: 1, label: id, custom_id: id });
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply({
        embeds: [{ title: 't'.repeat(257), description: 'd'.repeat(4000) }, { description: 'd'.repeat(2500) }],
        components: [
          ...Array.from({ length: 5 }, (_, n) => ({ type: 1, components: [button(`b${n}`)] })),
          {
            type: 1,
            components: [button('b0')],
          },
        ],
      });
    });

    await fake.sendCommand({ name: 'explain' });

    expect(await handled).toMatchObject({ code: 50035 });
    expect(fake.violations[0]?.details).toEqual([
      'data.embeds.0.title: BASE_TYPE_MAX_LENGTH',
      'data.embeds: MAX_EMBED_SIZE_EXCEEDED',
      'data.components.5.components.0.custom_id: COMPONENT_CUSTOM_ID_DUPLICATED',
      'data.components: BASE_TYPE_MAX_LENGTH',
    ]);
  });

  it('sends attachment_size_limit and answers 413 / 40005 to a reply, edit or channel message whose files exceed it', async () => {
    const { fake, client } = await connect({ attachmentSizeLimit: 1000 });
    const file = (bytes: number, name: string) => new AttachmentBuilder(Buffer.alloc(bytes, 1), { name });
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return [];
      const errors: unknown[] = [i.attachmentSizeLimit];
      const attempt = (p: Promise<unknown>) =>
        p.then(
          () => errors.push('ok'),
          (e: unknown) => errors.push(e),
        );
      // Two files of 600 bytes: each under the limit, together over it.
      await attempt(i.reply({ content: '큰 파일', files: [file(600, 'a.png'), file(600, 'b.png')] }));
      await attempt(i.reply({ content: '작은 파일', files: [file(1000, 'a.png')] }));
      await attempt(i.editReply({ files: [file(1001, 'c.png')] }));
      await attempt(i.followUp({ content: '후속', files: [file(999, 'd.png'), file(2, 'e.png')] }));
      await attempt(
        i.client.rest.post(Routes.channelMessages(i.channelId), {
          body: { content: '채널', attachments: [{ id: 0, filename: 'f.png' }] },
          files: [{ name: 'f.png', data: Buffer.alloc(1001) }],
        }),
      );
      return errors;
    });

    const ix = await fake.sendCommand({ name: 'explain' });
    expect(ix.payload.attachment_size_limit).toBe(1000);

    const [limit, tooLargeReply, reply, edit, followup, channel] = (await handled) as unknown[];
    expect(limit).toBe(1000);
    for (const rejected of [tooLargeReply, edit, followup, channel])
      expect(rejected).toMatchObject({ status: 413, code: 40005, message: 'Request entity too large' });
    expect(reply).toBe('ok');
    expect(ix.responses.map((r) => `${r.kind}:${r.status}`)).toEqual([
      'callback:413',
      'callback:204',
      'edit-original:413',
      'followup:413',
    ]);
    expect(ix.responses[0]?.error).toEqual({ code: 40005, message: 'Request entity too large' });
    expect(fake.violations.map((v) => `${v.rule}:${v.code}`)).toEqual(Array(4).fill('entity-too-large:40005'));
    expect([...fake.messages.values()].flatMap((m) => m.attachments as unknown[])).toHaveLength(1);
  });

  it('sends the default 10 MiB attachment_size_limit', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (i) => {
      if (i.isChatInputCommand()) await i.reply('ok');
      return i.attachmentSizeLimit;
    });
    const ix = await fake.sendCommand({ name: 'explain' });
    expect(ix.payload.attachment_size_limit).toBe(10_485_760);
    expect(await handled).toBe(10_485_760);
  });

  it('rejects a second callback for the same interaction with 40060', async () => {
    const { fake, client } = await connect();
    // discord.js refuses to reply twice on its own, so the second callback goes through its REST client directly.
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await i.reply('첫 번째');
      await i.client.rest.post(Routes.interactionCallback(i.id, i.token), {
        body: { type: 4, data: { content: '두 번째' } },
        auth: false,
      });
    });

    const ix = await fake.sendCommand({ name: 'explain' });

    expect(await handled).toMatchObject({ code: 40060, status: 400 });
    expect(ix.responses.map((r) => r.status)).toEqual([204, 400]);
    expect(fake.violations.map((v) => v.rule)).toEqual(['already-acknowledged']);
  });

  it('answers 10062 Unknown interaction to a reply after the ack deadline', async () => {
    const { fake, client } = await connect({ ackDeadlineMs: 200 });
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      await fake.interactions.get(i.id)!.deadline(); // the fake's own 'deadline' event; no sleeping
      await i.reply('너무 늦었어요');
    });
    const deadline = fake.waitFor('deadline');

    const ix = await fake.sendCommand({ name: 'explain' });

    expect((await deadline)[0].id).toBe(ix.id);
    expect(await handled).toMatchObject({ code: 10062, status: 404 });
    expect(fake.violations.map((v) => v.rule)).toEqual(['unknown-interaction']);
  });

  it('answers 10015 to an @original edit before any callback, and 50027 once the token expired', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isChatInputCommand()) return;
      const original = Routes.webhookMessage(i.applicationId, i.token, '@original');
      const early = await i.client.rest.patch(original, { body: { content: 'x' }, auth: false }).catch((e) => e);
      await i.reply('ok');
      fake.advanceClock(15 * 60_000 + 1);
      const late = await i.editReply('15분 뒤').catch((e) => e);
      return [early, late];
    });

    await fake.sendCommand({ name: 'explain' });

    expect(await handled).toMatchObject([{ code: 10015 }, { code: 50027 }]);
    expect(fake.violations.map((v) => v.route)).toEqual([
      'PATCH /webhooks/:app/:token/messages/@original',
      'PATCH /webhooks/:app/:token/messages/@original',
    ]);
  });

  it('rejects autocomplete results with 26 choices', async () => {
    const { fake, client } = await connect();
    const handled = onNextInteraction(client, async (i) => {
      if (!i.isAutocomplete()) return;
      await i.respond(Array.from({ length: 26 }, (_, n) => ({ name: `개념 ${n}`, value: `c${n}` })));
    });

    await fake.sendAutocomplete({ name: 'explain', options: { query: '' }, focused: 'query' });

    expect(await handled).toMatchObject({ code: 50035 });
    expect(fake.violations[0]?.details).toEqual(['data.choices: BASE_TYPE_MAX_LENGTH']);
  });

  it('rejects command registration with an optional option before a required one', async () => {
    const { fake, client } = await connect();
    const bad = {
      name: 'quiz',
      description: '퀴즈',
      options: [
        { type: 3, name: 'topic', description: '주제', required: false },
        { type: 4, name: 'count', description: '개수', required: true },
      ],
    };

    await expect(client.application!.commands.set([bad], fake.guild.id)).rejects.toMatchObject({ code: 50035 });
    expect(fake.violations[0]?.details).toEqual(['0.options: APPLICATION_COMMAND_OPTIONS_REQUIRED_INVALID']);
    expect(fake.commands.guild.get(fake.guild.id)).toBeUndefined();
  });

  it('rejects uppercase command names and unknown localization locales', async () => {
    const { fake, client } = await connect();
    const bad = { name: 'Explain', description: '설명', name_localizations: { kr: '설명' } };

    await expect(client.application!.commands.set([bad as never])).rejects.toMatchObject({ code: 50035 });
    expect(fake.violations[0]?.details).toEqual([
      '0.name: APPLICATION_COMMAND_INVALID_NAME',
      '0.name_localizations.kr: ENUM_TYPE_COERCE',
    ]);
  });

  it('sends rate-limit headers the client paces itself by, so it never hits a 429', async () => {
    const { fake, client } = await connect({ rateLimit: { limit: 2, windowMs: 200 } });
    const channel = await client.channels.fetch(fake.channel.id);
    if (!channel?.isSendable()) throw new Error('expected a text channel');

    await Promise.all(Array.from({ length: 5 }, (_, n) => channel.send(`메시지 ${n}`)));

    const sends = fake.requestsTo('POST /channels/:channel/messages');
    expect(sends.map((r) => r.status)).toEqual([200, 200, 200, 200, 200]);
    expect(fake.violations).toEqual([]);
  });

  it('answers a burst over the bucket limit with 429, retry_after and X-RateLimit headers', async () => {
    const { fake } = await connect({ rateLimit: { limit: 2, windowMs: 60_000 } });
    const post = () =>
      fetch(`${fake.apiUrl}/v10/channels/${fake.channel.id}/messages`, {
        method: 'POST',
        headers: { Authorization: 'Bot fake-token', 'Content-Type': 'application/json' },
        body: JSON.stringify({ content: 'burst' }),
      });

    const responses = await Promise.all([post(), post(), post()]);

    expect(responses.map((r) => r.status).sort()).toEqual([200, 200, 429]);
    const limited = responses.find((r) => r.status === 429)!;
    expect(limited.headers.get('X-RateLimit-Remaining')).toBe('0');
    expect(Number(limited.headers.get('Retry-After'))).toBeGreaterThan(0);
    expect(await limited.json()).toMatchObject({ message: 'You are being rate limited.', global: false });
    expect(fake.violations.map((v) => v.rule)).toEqual(['rate-limited']);
  });

  it('answers unknown routes with 404 and records them', async () => {
    const { fake } = await connect();
    const res = await fetch(`${fake.apiUrl}/v10/guilds/1/nothing-here`, { headers: { Authorization: 'Bot x' } });
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ message: '404: Not Found', code: 0 });
    expect(fake.violations).toEqual([expect.objectContaining({ rule: 'unknown-route', route: 'GET (unknown)' })]);
  });
});

describe('gateway breakage and recovery', () => {
  it('resumes after a dropped connection, and later interactions still work', async () => {
    const { fake, client } = await connect();
    const resumed = fake.waitFor('resumed');
    const reconnected = fake.waitFor('connection');

    await fake.dropConnection();
    const [{ replayed }] = await resumed;

    await fake.waitForConnected();
    expect(replayed).toBe(0);
    expect((await reconnected)[0].path).toMatch(/^\/resume\?v=10&encoding=json/);
    expect(fake.gateway.log.some((r) => r.direction === 'in' && r.op === 6)).toBe(true);
    void onNextInteraction(client, (i) => (i.isRepliable() ? i.reply('다시 연결됨') : Promise.resolve()));
    const ix = await fake.sendCommand({ name: 'explain' });
    expect(await ix.waitForReply()).toMatchObject({ content: '다시 연결됨' });
  });

  it('replays an interaction dispatched while the bot was away when it resumes', async () => {
    const { fake, client } = await connect();
    const resumed = fake.waitFor('resumed');
    await fake.dropConnection({ abnormal: true });
    void onNextInteraction(client, (i) => (i.isRepliable() ? i.reply('늦게 받았어요') : Promise.resolve()));

    const ix = await fake.sendCommand({ name: 'explain' });

    expect((await resumed)[0].replayed).toBe(1);
    expect(await ix.waitForReply()).toMatchObject({ content: '늦게 받았어요' });
  });

  it('resumes when heartbeats go unacknowledged (zombie connection)', async () => {
    const { fake } = await connect({ heartbeatIntervalMs: 150 });
    const resumed = fake.waitFor('resumed');
    const dropped = fake.waitFor('disconnect');

    fake.withholdHeartbeatAcks(true);
    await dropped;
    fake.withholdHeartbeatAcks(false);

    await resumed;
    expect(fake.gateway.connected).toBe(true);
  });

  it('resumes on the same socket after a resumable INVALID_SESSION', async () => {
    const { fake } = await connect();
    const resumed = fake.waitFor('resumed');
    fake.sendInvalidSession(true);
    expect((await resumed)[0].connection).toBe(1);
  });

  it('identifies again after a non-resumable INVALID_SESSION, and interactions still work', async () => {
    const { fake, client } = await connect();
    const firstSession = fake.gateway.sessionId;
    const identified = fake.waitFor('ready');

    fake.sendInvalidSession(false); // discord.js waits out its 5 s identify throttle before identifying again
    await identified;

    expect(fake.gateway.sessionId).not.toBe(firstSession);
    expect(fake.gateway.log.filter((r) => r.direction === 'in' && r.op === 2)).toHaveLength(2);
    void onNextInteraction(client, (i) => (i.isRepliable() ? i.reply('새 세션') : Promise.resolve()));
    const ix = await fake.sendCommand({ name: 'explain' });
    expect(await ix.waitForReply()).toMatchObject({ content: '새 세션' });
  });
});
