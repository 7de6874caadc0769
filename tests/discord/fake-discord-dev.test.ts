/**
 * `npm run dev:fake-discord`: typed lines are parsed against the commands the bot registered and sent the way
 * Discord sends them, and the fake keeps those commands across its own restarts.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { PermissionFlagsBits } from 'discord.js';
import { afterAll, describe, expect, it } from 'vitest';
import { explainCommand } from '../../src/commands/explain.js';
import { notesCommand } from '../../src/commands/notes.js';
import { PROJECT_ROOT } from '../../src/config.js';
import { quizCommands } from '../../src/commands/quiz.js';
import { sandboxCommands } from '../../src/commands/sandbox.js';
import { studyCommands } from '../../src/commands/study/index.js';
import { startBotAgainstFake } from '../support/bot.js';
import { commandUsage, parseCommandLine, startDevFake, type ParsedLine } from '../support/fake-discord-dev.js';
import type { Json } from '../support/fake-discord.js';
import { isVisibleReply, type InteractionResponse } from '../support/fake-discord-interaction.js';

/** The bot's command definitions as the fake stores them from the PUT (JSON, so no functions or undefined). */
const REGISTERED = JSON.parse(
  JSON.stringify(
    [explainCommand, ...studyCommands, ...quizCommands, ...sandboxCommands, notesCommand].map((c) => c.data),
  ),
) as Json[];

/** Shapes the bot does not register (a subcommand group, number and boolean options), as Discord would store them. */
const SYNTHETIC: Json[] = [
  {
    type: 1,
    name: 'admin',
    options: [
      {
        type: 2,
        name: 'config',
        options: [
          {
            type: 1,
            name: 'set',
            options: [
              { type: 10, name: 'ratio', required: true, min_value: 0, max_value: 1 },
              { type: 5, name: 'enabled', required: true },
              { type: 3, name: 'note' },
            ],
          },
        ],
      },
      { type: 1, name: 'ping' },
    ],
  },
];

const ctx = { userId: '42', readFile: (file: string) => Buffer.from(`contents of ${file}`) };
const parse = (line: string, commands: Json[] = REGISTERED) => parseCommandLine(line, commands, ctx);
const invocationOf = (r: ParsedLine) => {
  if (!r.ok) throw new Error(`refused: ${r.error}`);
  return r.invocation;
};

describe('dev fake: a typed line becomes what Discord sends', () => {
  it.each<[string, Json]>([
    ['/log add 45 2', { name: 'log', subcommand: 'add', options: { minutes: '45', chapter: '2' } }],
    ['/log add "1시간 20분" 2', { name: 'log', subcommand: 'add', options: { minutes: '1시간 20분', chapter: '2' } }],
    [
      '/log add 1h20m chapter:2 memo:"레이어 구조"',
      { options: { minutes: '1h20m', chapter: '2', memo: '레이어 구조' } },
    ],
    ['/log undo', { name: 'log', subcommand: 'undo', options: {} }],
    ['/quiz start', { name: 'quiz', subcommand: 'start', options: {} }],
    ['/quiz start count:3 seconds:20 mode:change', { options: { count: 3, seconds: 20, mode: 'change' } }],
    ['/퀴즈 시작 문제수:5 볼륨', { name: 'quiz', subcommand: 'start', options: { count: 5, topic: '볼륨' } }],
    [
      '/imageref localhost:5000/team/app:1.0',
      { name: 'imageref', options: { reference: 'localhost:5000/team/app:1.0' } },
    ],
    ['/imageref reference:localhost:5000/x', { options: { reference: 'localhost:5000/x' } }],
    ['/rate 1 4 레이어 구조', { name: 'rate', options: { chapter: '1', stars: 4, hard_part: '레이어 구조' } }],
    ['/explain 이미지 이름 규칙 hide:true', { name: 'explain', options: { question: '이미지 이름 규칙', hide: true } }],
    ['/explain "why:  spaces"', { options: { question: 'why:  spaces' } }],
    ['/explain question:"a \\"b\\""', { options: { question: 'a "b"' } }],
    ['/설명 도커', { name: 'explain', options: { question: '도커' } }],
    ['/progress member:<@!123>', { name: 'progress', options: { member: '123' } }],
    ['/progress me', { options: { member: '42' } }],
    ['/export json', { name: 'export', options: { format: 'json' } }],
    [
      '/template import ./notes/my.md',
      { subcommand: 'import', options: { file: { name: 'my.md', data: Buffer.from('contents of ./notes/my.md') } } },
    ],
  ])('%s', (line, expected) => {
    expect(invocationOf(parse(line))).toMatchObject(expected);
  });

  it('sends numbers as numbers and booleans as booleans, not as text', () => {
    const r = invocationOf(parse('/admin config set 0.25 off', SYNTHETIC));
    expect(r).toEqual({
      name: 'admin',
      subcommandGroup: 'config',
      subcommand: 'set',
      options: { ratio: 0.25, enabled: false },
    });
    expect(invocationOf(parse('/admin ping', SYNTHETIC))).toEqual({ name: 'admin', subcommand: 'ping', options: {} });
  });

  it.each([
    ['/log add 45', /\/log add needs chapter/],
    ['/log', /\/log needs one of: add \| undo \| list/],
    ['/log remove', /not "remove"/],
    ['/quiz start count:many', /`count` takes an integer/],
    ['/rate 1 ⭐', /`stars` takes an integer/],
    ['/rate 1 9', /`stars` is one of 1 \| 2 \| 3 \| 4 \| 5/],
    ['/quiz start mode:sometimes', /`mode` is one of once \| change/],
    ['/explain 도커 hide:maybe', /`hide` takes true or false/],
    ['/explain 도커 hide:true hide:false', /given twice/],
    ['/images extra', /too many values: extra/],
    ['/admin config set 2 on', /`ratio` is at most 1/],
    ['/nope', /no command \/nope; registered: \/explain/],
  ])('refuses %s as Discord’s client would', (line, error) => {
    const r = parse(line, line.startsWith('/admin') ? SYNTHETIC : REGISTERED);
    expect(r.ok).toBe(false);
    if (!r.ok) expect(r.error).toMatch(error);
  });

  it('refuses an attachment it cannot read', () => {
    const r = parseCommandLine('/template import /no/such/file.md', REGISTERED, {});
    expect(r).toMatchObject({ ok: false, error: expect.stringMatching(/`file` takes a readable file: ENOENT/) });
  });

  it('builds autocomplete requests with the option being typed as a string', () => {
    expect(parseCommandLine('/explain ㅇㅁㅈ', REGISTERED, { autocomplete: true })).toEqual({
      ok: true,
      invocation: { name: 'explain', options: { question: 'ㅇㅁㅈ' } },
      focused: 'question',
    });
    expect(parseCommandLine('/log add 45 2', REGISTERED, { autocomplete: true })).toMatchObject({
      ok: true,
      focused: 'chapter',
      invocation: { options: { minutes: '45', chapter: '2' } },
    });
    expect(parseCommandLine('/rate', REGISTERED, { autocomplete: true })).toMatchObject({
      focused: 'chapter',
      invocation: { options: { chapter: '' } },
    });
    expect(parseCommandLine('/imageref ngi', REGISTERED, { autocomplete: true })).toMatchObject({ ok: false });
  });

  it('parses every form of every command the bot registers, each value typed as its option', () => {
    const forms: [string, Json[]][] = [];
    const walk = (prefix: string, options: Json[]) => {
      const subs = options.filter((o) => o.type === 1 || o.type === 2);
      if (subs.length > 0) for (const s of subs) walk(`${prefix} ${String(s.name)}`, (s.options as Json[]) ?? []);
      else forms.push([prefix, options]);
    };
    for (const c of REGISTERED) walk(`/${String(c.name)}`, (c.options as Json[]) ?? []);
    expect(forms.length).toBeGreaterThanOrEqual(25);
    const sample = (o: Json): [string, unknown] => {
      const choices = o.choices as { value: string | number }[] | undefined;
      if (choices) return [String(choices[0]?.value), choices[0]?.value];
      switch (o.type) {
        case 4: {
          const n = typeof o.min_value === 'number' ? o.min_value : 3;
          return [String(n), n];
        }
        case 10:
          return ['1.5', 1.5];
        case 5:
          return ['true', true];
        case 6:
          return ['me', '42'];
        case 11:
          return ['file.md', expect.objectContaining({ name: 'file.md' })];
        default:
          return ['x:1', 'x:1'];
      }
    };
    for (const [prefix, options] of forms) {
      const named = options.map((o) => `${String(o.name)}:${sample(o)[0]}`);
      const expected = Object.fromEntries(options.map((o) => [o.name, sample(o)[1]]));
      expect(invocationOf(parse(`${prefix} ${named.join(' ')}`)).options, prefix).toEqual(expected);
      const required = options.filter((o) => o.required);
      const positional = required.map((o) => sample(o)[0]);
      const onlyRequired = Object.fromEntries(required.map((o) => [o.name, sample(o)[1]]));
      expect(invocationOf(parse(`${prefix} ${positional.join(' ')}`)).options, prefix).toEqual(onlyRequired);
    }
    expect(commandUsage(REGISTERED)).toContain('/log add <minutes> <chapter> [date] [memo]');
    expect(commandUsage(REGISTERED)).toContain('/rate <chapter> <stars: integer> [hard_part] [why] [insight]');
  });
});

describe('dev fake against the real bot', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'studybot-devfake-'));
  const statePath = path.join(dir, 'fake-discord', 'commands.json');
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  const embedText = (r: InteractionResponse) =>
    ((r.message?.embeds as Json[] | undefined) ?? [])
      .flatMap((e) => [
        e.title,
        e.description,
        ...((e.fields as Json[] | undefined) ?? []).flatMap((f) => [f.name, f.value]),
      ])
      .join('\n');

  it('answers typed lines, and still has the commands after the fake restarts', async () => {
    const printed: string[] = [];
    const botDir = path.join(dir, 'bot');
    const dev = await startDevFake({ port: 0, statePath, print: (t) => printed.push(t) });
    expect(dev.restored).toBe(0);
    const h = await startBotAgainstFake({ existingFake: dev.fake, dir: botDir });
    try {
      expect(printed).toContain(`✓ ${h.fake.commands.guild.get(h.fake.guild.id)?.length} commands registered`);

      const log = await dev.handleLine('/log add 45 2');
      const logged = await log!.waitForReply(isVisibleReply);
      const sub = (log!.payload.data as Json).options as Json[];
      expect(sub).toEqual([
        {
          name: 'add',
          type: 1,
          options: [
            { name: 'minutes', type: 3, value: '45' },
            { name: 'chapter', type: 3, value: '2' },
          ],
        },
      ]);
      expect(embedText(logged)).toMatch(/\*\*2장[^*]*\*\*에 \*\*45분\*\* 읽은 것을 기록했어요/);

      const ref = await dev.handleLine('/imageref localhost:5000/team/app:1.0');
      const answer = await ref!.waitForReply(isVisibleReply);
      expect((ref!.payload.data as Json).options).toEqual([
        { name: 'reference', type: 3, value: 'localhost:5000/team/app:1.0' },
      ]);
      const text = `${answer.content ?? ''}\n${embedText(answer)}`;
      for (const part of ['localhost:5000', 'team', 'app', '1.0']) expect(text).toContain(part);
      expect(h.fake.violations).toEqual([]);
    } finally {
      await h.close();
      await dev.close();
    }

    // A fresh fake on the same state file: the bot's hash is unchanged, so it skips registration, and commands work.
    const again = await startDevFake({ port: 0, statePath, print: () => {} });
    expect(again.restored).toBeGreaterThan(0);
    const h2 = await startBotAgainstFake({ existingFake: again.fake, dir: botDir });
    try {
      expect(h2.logger.lines.some((l) => l.msg === 'commands unchanged; registration skipped')).toBe(true);
      expect(again.fake.requestsTo(`PUT /applications/:app/guilds/:guild/commands`)).toHaveLength(0);
      const log = await again.handleLine('/log add 30 2');
      expect(embedText(await log!.waitForReply(isVisibleReply))).toMatch(/30분/);
    } finally {
      await h2.close();
      await again.close();
    }
  });
});

describe('README, read by a new user', () => {
  const readme = readFileSync(path.join(PROJECT_ROOT, 'README.md'), 'utf8');
  const [korean = '', english = ''] = readme.split(/^## English$/m);

  it('asks for exactly the permissions it names, in both languages (the bot never reads message history)', () => {
    const named = PermissionFlagsBits.ViewChannel | PermissionFlagsBits.SendMessages;
    const wanted = String(named | PermissionFlagsBits.EmbedLinks | PermissionFlagsBits.AttachFiles);
    for (const [section, names] of [
      [korean, /채널 보기·메시지 보내기·링크 첨부·파일 첨부 = `(\d+)`/],
      [english, /View Channel, Send Messages, Embed\s+Links and Attach Files \(`(\d+)`\)/],
    ] as const) {
      expect(names.exec(section)?.[1]).toBe(wanted);
      const links = [...section.matchAll(/permissions=(\d+)/g)].map((m) => m[1]);
      expect(links).toEqual([wanted]);
    }
  });

  it('gives /log add examples that Discord would accept (the chapter is required), in both languages', () => {
    for (const section of [korean, english]) {
      const examples = [...section.matchAll(/`(\/log add [^`]+)`/g)].map((m) => m[1] as string);
      expect(examples.length).toBeGreaterThan(0);
      for (const line of examples) expect(parse(line), line).toMatchObject({ ok: true });
    }
  });

  it('types only dev-fake lines that parse against the registered commands', () => {
    const devSection = readme.slice(readme.indexOf('**Trying the bot without Discord.**'));
    const lines = [...devSection.slice(0, devSection.indexOf('\n\n')).matchAll(/`(\/[^`]+)`/g)].map(
      (m) => m[1] as string,
    );
    expect(lines).toEqual(expect.arrayContaining(['/log add 45 2', '/imageref localhost:5000/team/app:1.0']));
    for (const line of lines) expect(parse(line), line).toMatchObject({ ok: true });
  });
});
