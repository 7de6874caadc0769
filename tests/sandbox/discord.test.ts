/**
 * End to end: /inspect, /images and /imageref through the real bot (startBot) and an unmodified discord.js Client
 * against the fake Discord, with a real Docker Engine API (podman) behind DOCKER_SANDBOX_HOST. The bot's clock is
 * a manual one, so the rate limit and the list cache move only when a test says so.
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { LIST_CACHE_MS, INSPECTS_PER_MINUTE } from '../../src/sandbox/service.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import type { FakeInteraction, InteractionResponse } from '../support/fake-discord.js';
import {
  podmanOrSkip,
  seedTinyImage,
  startPodman,
  tarball,
  TINY_CONTAINER,
  TINY_IMAGE,
  type PodmanEngine,
} from '../support/podman.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const EPHEMERAL = 64;
const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const fieldsOf = (r: InteractionResponse): Map<string, string> =>
  new Map(((embedOf(r).fields as Json[] | undefined) ?? []).map((f) => [String(f.name), String(f.value)]));
const buttonsOf = (r: InteractionResponse): Json[] =>
  ((r.message?.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
const isEphemeral = (r: InteractionResponse) => (((r.message?.flags as number | undefined) ?? 0) & EPHEMERAL) !== 0;
const choicesOf = (r: InteractionResponse) =>
  ((r.data.choices as Json[] | undefined) ?? []) as { name: string; value: string }[];
const ko = translator('ko');
const en = translator('en');

/** Discord user ids are snowflakes; each test that counts inspects uses its own member. */
const member = (n: number) => ({ id: `40000000000000000${n}`, username: `member${n}` });

const inspect = (kind: 'image' | 'container', name: string) =>
  ({ name: 'inspect', subcommand: kind, options: { name } }) as const;

const { skip, missing } = podmanOrSkip();

describe.skipIf(skip)('sandbox commands through the fake Discord, against a real engine (podman)', () => {
  let engine: PodmanEngine;
  let seeded: { imageId: string; containerId: string };
  let h: BotHarness;
  /** Short ids of every image the engine holds (one per image, not per tag). */
  let imageIds: string[];
  const clock = manualClock(Date.now());
  const PAGE_IMAGES = 11; // with the tiny image: 12 images, two pages of ten
  const ALIASES = 20; // tags on the tiny image, so autocomplete has more than 25 names to offer

  beforeAll(async () => {
    if (missing) throw new Error('podman is required when CI=true (apt-get install -y podman)');
    engine = await startPodman();
    seeded = await seedTinyImage(engine);
    const tar = path.join(engine.dir, 'page.tar');
    writeFileSync(tar, tarball([{ name: 'etc/page', content: 'page\n' }]));
    for (let i = 0; i < PAGE_IMAGES; i++)
      await engine.podman('import', '--change', `LABEL page=${i}`, tar, `localhost/studybot-page-${i}:1`);
    await engine.podman(
      'tag',
      TINY_IMAGE,
      ...Array.from({ length: ALIASES }, (_, i) => `localhost/studybot-tiny:alias-${i}`),
    );
    imageIds = [...new Set((await engine.podman('images', '--format', '{{.ID}}')).split('\n'))];
    h = await startBotAgainstFake({
      env: { DOCKER_SANDBOX_HOST: `unix://${engine.socketPath}` },
      bot: { clock },
    });
  });

  afterAll(async () => {
    await h?.close();
    await engine?.stop();
  });

  const reply = async (ix: FakeInteraction) => ix.waitForReply();
  const shortImageId = () => seeded.imageId.replace(/^sha256:/, '').slice(0, 12);

  it('autocompletes image names from the engine, at most 25, narrowed by what is typed', async () => {
    expect(imageIds).toHaveLength(PAGE_IMAGES + 1);
    const all = await h.fake.sendAutocomplete({ ...inspect('image', ''), focused: 'name' });
    const res = await all.firstResponse();
    expect(res.ok).toBe(true);
    expect(res.callbackType).toBe(8);
    const choices = choicesOf(res);
    expect(choices).toHaveLength(25); // 1 + 20 aliases + 11 page images = 32 names on the engine
    expect(new Set(choices.map((c) => c.value)).size).toBe(25);

    const typed = await h.fake.sendAutocomplete({ ...inspect('image', 'TINY:1'), focused: 'name' });
    expect(choicesOf(await typed.firstResponse())).toEqual([{ name: TINY_IMAGE, value: TINY_IMAGE }]);

    const containers = await h.fake.sendAutocomplete({ ...inspect('container', ''), focused: 'name' });
    expect(choicesOf(await containers.firstResponse())).toEqual([
      { name: `${TINY_CONTAINER} (created)`, value: TINY_CONTAINER },
    ]);
  });

  it('/inspect image answers with an embed that explains each field and the full JSON attached', async () => {
    const ix = await h.fake.sendCommand({ ...inspect('image', TINY_IMAGE), user: member(1) });
    const r = await reply(ix);
    // Answered directly, or through a deferral when the engine is slower than the adapter's defer timer.
    expect([4, 5]).toContain((await ix.firstResponse()).callbackType);
    expect(isEphemeral(r)).toBe(false);
    expect(embedOf(r).title).toBe(ko('sandbox.image.title', { name: TINY_IMAGE }));

    const fields = fieldsOf(r);
    const explained: [string, RegExp | string][] = [
      ['Id', `\`${shortImageId()}\``],
      ['Size', /\d/],
      ['Architecture / Os', /\/linux`/],
      ['RepoTags', TINY_IMAGE],
      ['RepoDigests', 'localhost/studybot-tiny@sha256:'],
      ['Created', ' · '],
      ['Env', 'GREETING=•••'],
      ['Cmd', '["/bin/hello"]'],
      ['Entrypoint', ko('sandbox.none')],
      ['WorkingDir', '/srv'],
      ['ExposedPorts', '8080/tcp'],
      ['Labels', 'org.opencontainers.image.title=tiny'],
      ['RootFS.Layers (1개)', /`[0-9a-f]{12}`/],
    ];
    for (const [name, shown] of explained) {
      const value = fields.get(name);
      expect(value, name).toBeDefined();
      const [first, ...rest] = (value ?? '').split('\n');
      // The value, then a one-line explanation in italics.
      expect(rest.at(-1), name).toMatch(/^\*.+\*$/);
      if (typeof shown === 'string') expect(value, name).toContain(shown);
      else expect(first, name).toMatch(shown);
    }
    // 21 tags: eight shown, the rest counted.
    expect(fields.get('RepoTags')).toContain(ko('sandbox.more', { n: ALIASES + 1 - 8 }));
    expect(fields.get(ko('sandbox.notes.field'))).toContain('이미지의 메타데이터');

    const files = r.files;
    expect(files.map((f) => f.name)).toEqual([`image-${shortImageId()}.json`]);
    expect((r.message?.attachments as Json[]).map((a) => a.filename)).toEqual([`image-${shortImageId()}.json`]);
    const text = files[0]!.data.toString('utf8');
    const json = JSON.parse(text) as Json;
    expect(json.Id).toContain(shortImageId());
    expect(json.Config.Cmd).toEqual(['/bin/hello']);
    expect(json.GraphDriver.Data).toBe('(hidden)');
    expect(text).not.toContain(engine.dir); // podman's storage root lives there
    expect(text).not.toMatch(/"\/(var|run|home|tmp)\//);
  });

  it("/inspect image's notes button opens the section it links", async () => {
    const ix = await h.fake.sendCommand({ ...inspect('image', TINY_IMAGE), user: member(2) });
    const r = await reply(ix);
    const open = buttonsOf(r).find((b) => String(b.custom_id).startsWith('v1:explain.open:'));
    expect(open?.label).toBe(ko('sandbox.notes.button', { heading: '이미지의 메타데이터' }));
    const click = await h.fake.clickButton({ customId: String(open?.custom_id), message: r.message });
    expect(embedOf(await reply(click)).title).toBe('이미지의 메타데이터');
  });

  it('/inspect container places the created container on the lifecycle, in English for en-US', async () => {
    const ix = await h.fake.sendCommand({ ...inspect('container', TINY_CONTAINER), user: member(3), locale: 'en-US' });
    const r = await reply(ix);
    expect(embedOf(r).title).toBe(en('sandbox.container.title', { name: TINY_CONTAINER }));
    const fields = fieldsOf(r);
    expect(fields.get('State.Status')).toBe(
      `${en('sandbox.status.value', { status: 'created', stage: 'created' })}\n${en('sandbox.lifecycle.created')}`,
    );
    expect(fields.get(en('sandbox.field.resources'))).toBe('CPU — · Memory — · Storage ✅');
    expect(fields.get('Image')).toContain(TINY_IMAGE);
    expect(fields.get(en('sandbox.notes.field'))).toContain('컨테이너의 라이프 사이클');

    const short = seeded.containerId.slice(0, 12);
    expect(r.files.map((f) => f.name)).toEqual([`container-${short}.json`]);
    const text = r.files[0]!.data.toString('utf8');
    expect((JSON.parse(text) as Json).State.Status).toBe('created');
    expect(text).not.toContain(engine.dir);
  });

  it('/images pages ten at a time; next and previous edit the same message', async () => {
    const ix = await h.fake.sendCommand({ name: 'images', user: member(4) });
    const first = await reply(ix);
    const e1 = embedOf(first);
    expect(e1.title).toBe(ko('sandbox.images.title', { count: PAGE_IMAGES + 1 }));
    expect(e1.footer.text).toContain('1/2');
    const lines1 = String(e1.description).split('\n');
    expect(lines1).toHaveLength(10);
    const [prev, next] = buttonsOf(first);
    expect(prev?.disabled).toBe(true);
    expect(next?.disabled).toBeFalsy();

    const click = await h.fake.clickButton({ customId: String(next?.custom_id), message: first.message });
    const second = await reply(click);
    expect(second.callbackType).toBe(7); // UPDATE_MESSAGE
    expect(second.message?.id).toBe(first.message?.id);
    const lines2 = String(embedOf(second).description).split('\n');
    expect(lines2).toHaveLength(2);
    const shown = [...lines1, ...lines2].map((l) => /^`([0-9a-f]{12})`/.exec(l)?.[1]);
    expect(shown.sort()).toEqual([...imageIds].sort());
    expect(buttonsOf(second).map((b) => Boolean(b.disabled))).toEqual([false, true]);

    const back = await h.fake.clickButton({
      customId: String(buttonsOf(second)[0]?.custom_id),
      message: second.message,
    });
    const again = await reply(back);
    expect(again.message?.id).toBe(first.message?.id);
    expect(embedOf(again).description).toBe(e1.description);
  });

  it('limits a member to a few inspects a minute with a clear ephemeral message, then lets them in again', async () => {
    const user = member(5);
    for (let i = 0; i < INSPECTS_PER_MINUTE; i++) {
      const ok = await h.fake.sendCommand({ ...inspect('image', TINY_IMAGE), user });
      expect(embedOf(await reply(ok)).title, `inspect ${i + 1}`).toBeDefined();
    }
    const limited = await h.fake.sendCommand({ ...inspect('container', TINY_CONTAINER), user });
    const r = await reply(limited);
    expect(isEphemeral(r)).toBe(true);
    expect(r.content).toBe(ko('sandbox.error.rateLimited', { seconds: 60, limit: INSPECTS_PER_MINUTE }));
    // Refused at once: no public "thinking…" placeholder was ever shown.
    expect(limited.responses.map((x) => x.callbackType)).toEqual([4]);

    const other = await h.fake.sendCommand({ ...inspect('image', TINY_IMAGE), user: member(6) });
    expect(embedOf(await reply(other)).title).toBeDefined();

    clock.advance(60_000);
    const later = await h.fake.sendCommand({ ...inspect('image', TINY_IMAGE), user });
    expect(embedOf(await reply(later)).title).toBe(ko('sandbox.image.title', { name: TINY_IMAGE }));
  });

  it('an engine that stops mid-session gets a clear ephemeral message, and the bot keeps answering', async () => {
    await engine.stop();
    clock.advance(LIST_CACHE_MS); // the cached image list expires too

    const ix = await h.fake.sendCommand({ ...inspect('image', TINY_IMAGE), user: member(7) });
    const r = await reply(ix);
    expect(isEphemeral(r)).toBe(true);
    expect(r.content).toBe(ko('sandbox.error.unreachable'));
    expect(JSON.stringify(ix.responses)).not.toContain(engine.socketPath);

    const images = await h.fake.sendCommand({ name: 'images', user: member(7), locale: 'en-US' });
    const imagesReply = await reply(images);
    expect(isEphemeral(imagesReply)).toBe(true);
    expect(imagesReply.content).toBe(en('sandbox.error.unreachable'));

    // A page button on the earlier /images message: answered privately, the public list left as it was.
    const page = await h.fake.clickButton({ customId: 'v1:sandbox.images:1', user: member(8) });
    const pageReply = await reply(page);
    expect(pageReply.kind).toBe('callback');
    expect(pageReply.callbackType).toBe(4);
    expect(isEphemeral(pageReply)).toBe(true);
    expect(pageReply.content).toBe(ko('sandbox.error.unreachable'));

    const complete = await h.fake.sendAutocomplete({ ...inspect('image', ''), focused: 'name' });
    const choices = await complete.firstResponse();
    expect(choices.ok).toBe(true);
    expect(choicesOf(choices)).toEqual([]);

    const ref = await h.fake.sendCommand({ name: 'imageref', options: { reference: 'nginx' } });
    expect(String(embedOf(await reply(ref)).description)).toContain('`docker.io/library/nginx:latest`');
    const explain = await h.fake.sendCommand({ name: 'explain', options: { question: '컨테이너의 라이프 사이클' } });
    expect(embedOf(await reply(explain)).title).toBe('컨테이너의 라이프 사이클');
  });

  it('sent nothing Discord would reject, and logged no error for expected failures', () => {
    expect(h.fake.violations).toEqual([]);
    expect(h.logger.lines.filter((l) => l.level === 'error')).toEqual([]);
    const outcomes = h.logger.lines.map((l) => l.obj.outcome).filter((o) => o !== undefined);
    expect(outcomes).toEqual(expect.arrayContaining(['autocomplete', 'ok', 'user-error']));
    expect(outcomes).not.toContain('error');
    expect(outcomes.filter((o) => o === 'reply-failed' || o === 'expired')).toEqual([]);
  });
});

describe.skipIf(skip)('secrets in Env and host paths in labels, through the fake Discord (podman)', () => {
  const SECRET = 'hunter2';
  const HOST_DIR = '/home/alice/app';
  const SECRET_IMAGE = 'localhost/studybot-secret:1';
  const SECRET_CONTAINER = 'studybot-pg';
  let engine: PodmanEngine;
  /** The bot as configured by default, and one whose owner opted in with DOCKER_SANDBOX_SHOW_ENV=true. */
  let masked: BotHarness;
  let shown: BotHarness;
  let n = 0;
  const user = () => ({ id: `41000000000000000${String(++n).padStart(2, '0')}`, username: `member${n}` });

  beforeAll(async () => {
    if (missing) throw new Error('podman is required when CI=true (apt-get install -y podman)');
    engine = await startPodman();
    await seedTinyImage(engine);
    const tar = path.join(engine.dir, 'secret.tar');
    writeFileSync(tar, tarball([{ name: 'etc/secret', content: 'x\n' }]));
    await engine.podman(
      'import',
      '--change',
      `ENV DB_PASSWORD=${SECRET}`,
      '--change',
      `LABEL com.docker.compose.project.working_dir=${HOST_DIR}`,
      tar,
      SECRET_IMAGE,
    );
    await engine.podman(
      'create',
      '--name',
      SECRET_CONTAINER,
      '-e',
      `POSTGRES_PASSWORD=${SECRET}`,
      '--label',
      `com.docker.compose.project.working_dir=${HOST_DIR}`,
      '--label',
      `com.docker.compose.project.config_files=${HOST_DIR}/docker-compose.yml`,
      '--label',
      'backup.dir=/srv/backups/pg',
      '--label',
      'org.opencontainers.image.source=https://example.com/app',
      TINY_IMAGE,
    );
    const env = { DOCKER_SANDBOX_HOST: `unix://${engine.socketPath}` };
    masked = await startBotAgainstFake({ env, bot: { clock: manualClock(Date.now()) } });
    shown = await startBotAgainstFake({
      env: { ...env, DOCKER_SANDBOX_SHOW_ENV: 'true' },
      bot: { clock: manualClock(Date.now()) },
    });
  });

  afterAll(async () => {
    await masked?.close();
    await shown?.close();
    await engine?.stop();
  });

  /** One inspect through the bot: the embed and message as Discord got them, and the attached JSON's text. */
  async function inspectThrough(h: BotHarness, kind: 'image' | 'container', name: string) {
    const ix = await h.fake.sendCommand({ ...inspect(kind, name), user: user() });
    const r = await ix.waitForReply();
    expect(embedOf(r).title, `${kind} ${name}`).toBeTruthy();
    expect(r.files).toHaveLength(1);
    const attachment = r.files[0]!.data.toString('utf8');
    return {
      r,
      fields: fieldsOf(r),
      sent: JSON.stringify(ix.responses),
      attachment,
      json: JSON.parse(attachment) as Json,
    };
  }

  it('/inspect container shows Env keys with masked values and hides label host paths, in the embed and the JSON', async () => {
    const { sent, attachment, json } = await inspectThrough(masked, 'container', SECRET_CONTAINER);
    for (const text of [sent, attachment]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(HOST_DIR);
      expect(text).not.toContain('/srv/backups');
    }
    expect(json.Config.Env).toContain('POSTGRES_PASSWORD=•••');
    expect(json.Config.Env).toContain('GREETING=•••');
    expect(json.Config.Labels).toMatchObject({
      'com.docker.compose.project.working_dir': '(hidden)',
      'com.docker.compose.project.config_files': '(hidden)',
      'backup.dir': '(hidden)',
      'org.opencontainers.image.source': 'https://example.com/app',
      'org.opencontainers.image.title': 'tiny',
    });
  });

  it('/inspect image masks Env values and label host paths of the image, in the embed and the JSON', async () => {
    const { sent, fields, attachment, json } = await inspectThrough(masked, 'image', SECRET_IMAGE);
    for (const text of [sent, attachment]) {
      expect(text).not.toContain(SECRET);
      expect(text).not.toContain(HOST_DIR);
    }
    expect(fields.get('Env')).toBe(`• \`DB_PASSWORD=•••\`\n*${ko('sandbox.explain.envMasked')}*`);
    expect(fields.get('Labels')).toContain('`com.docker.compose.project.working_dir=(hidden)`');
    expect(json.Config.Env).toEqual(['DB_PASSWORD=•••']);
  });

  it('shows the Env values once the sandbox owner opts in, but still hides label host paths', async () => {
    const container = await inspectThrough(shown, 'container', SECRET_CONTAINER);
    expect(container.json.Config.Env).toContain(`POSTGRES_PASSWORD=${SECRET}`);
    expect(container.attachment).not.toContain(HOST_DIR);

    const image = await inspectThrough(shown, 'image', SECRET_IMAGE);
    expect(image.fields.get('Env')).toBe(`• \`DB_PASSWORD=${SECRET}\`\n*${ko('sandbox.explain.env')}*`);
    expect(image.json.Config.Env).toEqual([`DB_PASSWORD=${SECRET}`]);
    expect(image.sent).not.toContain(HOST_DIR);
    expect(image.attachment).not.toContain(HOST_DIR);
  });

  it('sent nothing Discord would reject', () => {
    expect(masked.fake.violations).toEqual([]);
    expect(shown.fake.violations).toEqual([]);
  });
});

describe('sandbox commands through the fake Discord with no engine configured', () => {
  let h: BotHarness;

  beforeAll(async () => {
    h = await startBotAgainstFake({});
  });

  afterAll(async () => {
    await h?.close();
  });

  it('/inspect and /images say the demo is off and how to turn it on, in the member language', async () => {
    const image = await h.fake.sendCommand(inspect('image', 'nginx'));
    const r = await image.waitForReply();
    expect(isEphemeral(r)).toBe(true);
    expect(r.content).toBe(ko('sandbox.off'));
    expect(r.content).toContain('DOCKER_SANDBOX_HOST');

    const images = await h.fake.sendCommand({ name: 'images', locale: 'en-GB' });
    const e = await images.waitForReply();
    expect(isEphemeral(e)).toBe(true);
    expect(e.content).toBe(en('sandbox.off'));

    const complete = await h.fake.sendAutocomplete({ ...inspect('image', 'ng'), focused: 'name' });
    const choices = await complete.firstResponse();
    expect(choices.ok).toBe(true);
    expect(choicesOf(choices)).toEqual([]);
  });

  it('/imageref splits a valid reference beside the notes naming rule, in Korean and English', async () => {
    const ix = await h.fake.sendCommand({ name: 'imageref', options: { reference: 'nginx' } });
    const r = await ix.waitForReply();
    expect(isEphemeral(r)).toBe(false);
    expect(embedOf(r).description).toContain('${레지스트리주소}/${프로젝트명}/${이미지명}:${이미지태그}');
    expect(embedOf(r).description).toContain('`docker.io/library/nginx:latest`');
    expect([...fieldsOf(r)].slice(0, 4)).toEqual([
      ['레지스트리 주소', ko('sandbox.ref.defaulted', { value: '`docker.io`' })],
      ['프로젝트명', ko('sandbox.ref.defaulted', { value: '`library`' })],
      ['이미지명', '`nginx`'],
      ['이미지 태그', ko('sandbox.ref.defaulted', { value: '`latest`' })],
    ]);
    expect(fieldsOf(r).get(ko('sandbox.notes.field'))).toContain('이미지 이름 규칙');

    const digest = `sha256:${'a'.repeat(64)}`;
    const input = `harbor.example.com:5000/project/app:1.0@${digest}`;
    const enIx = await h.fake.sendCommand({ name: 'imageref', options: { reference: input }, locale: 'en-US' });
    const e = await enIx.waitForReply();
    expect(embedOf(e).description).toContain(`\`${input}\``);
    expect(Object.fromEntries(fieldsOf(e))).toMatchObject({
      Registry: '`harbor.example.com:5000`',
      Project: '`project`',
      Image: '`app`',
      Tag: '`1.0`',
      Digest: `\`${digest}\``,
    });
  });

  it('/imageref gives the reason a reference is invalid, in Korean and English', async () => {
    const ix = await h.fake.sendCommand({ name: 'imageref', options: { reference: 'Nginx' } });
    const r = await ix.waitForReply();
    expect(embedOf(r).description).toContain(
      ko('sandbox.ref.invalid', { input: 'Nginx', reason: ko('sandbox.ref.error.uppercase', { part: 'Nginx' }) }),
    );

    const long = `a:${'t'.repeat(129)}`;
    const enIx = await h.fake.sendCommand({ name: 'imageref', options: { reference: long }, locale: 'en-US' });
    expect(embedOf(await enIx.waitForReply()).description).toContain('tag too long (129 characters, at most 128)');
  });

  it('sent nothing Discord would reject', () => {
    expect(h.fake.violations).toEqual([]);
  });
});
