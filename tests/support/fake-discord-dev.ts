/**
 * Runs the fake Discord by hand: `npm run dev:fake-discord`, then start the real bot against it in another terminal
 * with the printed settings, and type commands here:
 *
 *   /explain 이미지            a slash command (plain text goes to the command's first option)
 *   /quiz topic:볼륨 count:3   named options
 *   click quiz:next            click a button on the newest message that has it
 *   select quiz:pick a,b       pick values in a select menu
 *   drop | invalid | commands | quit
 */
import { createInterface } from 'node:readline';
import { FakeDiscord, type FakeDiscordOptions, type InteractionResponse, type OptionValue } from './fake-discord.js';

const port = Number(process.env.FAKE_DISCORD_PORT ?? 8787);
const options: FakeDiscordOptions = {
  port,
  applicationId: '1100000000000000001',
  guilds: [{ id: '1100000000000000002', name: 'Docker Study', channels: ['general'] }],
  user: { id: '1100000000000000003', username: 'tester' },
};
const fake = await FakeDiscord.start(options);

console.log(`fake Discord listening on ${fake.baseUrl}. Start the bot with:

  DISCORD_API_URL=${fake.apiUrl}
  DISCORD_TOKEN=fake-token
  DISCORD_GUILD_ID=${fake.guild.id}

Then type: /explain 이미지 · click <custom_id> · select <custom_id> a,b · drop · invalid · commands · quit`);

fake.on('ready', () => console.log('✓ bot connected (READY)'));
fake.on('resumed', ({ replayed }) => console.log(`✓ bot resumed (${replayed} events replayed)`));
fake.on('disconnect', ({ code }) => console.log(`× bot disconnected (${code})`));
fake.on('violation', (v) => console.log(`! ${v.status} ${v.code} ${v.message} on ${v.route}`, v.details.join('; ')));
fake.on('deadline', (ix) => console.log(`! interaction ${ix.id} was not acknowledged in time`));
fake.on('request', (r) => {
  if (r.route.includes('/commands') && r.method === 'PUT' && r.status < 400)
    console.log(`✓ ${(r.body as unknown[]).length} commands registered`);
});
fake.on('response', (_ix, r) => console.log(describe(r)));

function describe(r: InteractionResponse): string {
  const names: Record<number, string> = { 4: 'reply', 5: 'defer', 6: 'deferred update', 7: 'update', 8: 'choices' };
  const head = `← ${r.kind === 'callback' ? names[r.callbackType ?? 0] : r.kind} ${r.status}`;
  if (!r.ok) return `${head} ${JSON.stringify(r.error)}`;
  const lines = [head];
  const m = r.message ?? {};
  if (m.content) lines.push(String(m.content));
  for (const e of (m.embeds ?? []) as {
    title?: string;
    description?: string;
    fields?: { name: string; value: string }[];
  }[]) {
    lines.push(`┃ ${e.title ?? ''}`, ...(e.description ?? '').split('\n').map((l) => `┃ ${l}`));
    for (const f of e.fields ?? []) lines.push(`┃ ${f.name}: ${f.value}`);
  }
  for (const row of (m.components ?? []) as { components?: { label?: string; custom_id?: string; url?: string }[] }[])
    lines.push(
      `  ${(row.components ?? []).map((c) => `[${c.label ?? ''} → ${c.custom_id ?? c.url ?? ''}]`).join(' ')}`,
    );
  for (const f of r.files) lines.push(`  📎 ${f.name} (${f.size} bytes)`);
  if (r.callbackType === 8) lines.push(JSON.stringify(r.data.choices));
  return lines.join('\n');
}

/** `/name text` or `/name a:1 b:x`; plain text fills the registered command's first option. */
function parseCommand(line: string): { name: string; options: Record<string, OptionValue> } {
  const [name = '', ...rest] = line.slice(1).trim().split(/\s+/);
  const text = rest.join(' ');
  const options: Record<string, OptionValue> = {};
  if (/^\S+:/.test(text)) {
    for (const m of text.matchAll(/(\S+?):(\S+)/g))
      options[m[1] as string] = /^\d+$/.test(m[2] ?? '') ? Number(m[2]) : String(m[2]);
  } else if (text) {
    const command = [...fake.commands.global, ...[...fake.commands.guild.values()].flat()].find((c) => c.name === name);
    const first = (command?.options as { name: string }[] | undefined)?.[0]?.name ?? 'query';
    options[first] = text;
  }
  return { name, options };
}

const rl = createInterface({ input: process.stdin });
rl.on('line', (input) => {
  const line = input.trim();
  const [word, arg = '', values = ''] = line.split(/\s+/);
  const run = async () => {
    if (line.startsWith('/')) await fake.sendCommand(parseCommand(line));
    else if (word === 'click') await fake.clickButton({ customId: arg });
    else if (word === 'select') await fake.selectMenu({ customId: arg, values: values.split(',') });
    else if (word === 'drop') await fake.dropConnection();
    else if (word === 'invalid') fake.sendInvalidSession(false);
    else if (word === 'commands')
      console.log(fake.commands.global.concat(...fake.commands.guild.values()).map((c) => c.name));
    else if (word === 'quit') rl.close();
    else if (line) console.log('?  /command text · click <id> · select <id> a,b · drop · invalid · commands · quit');
  };
  run().catch((e: unknown) => console.log(`! ${e instanceof Error ? e.message : String(e)}`));
});
rl.on('close', () => void fake.close().then(() => process.exit(0)));
