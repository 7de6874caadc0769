/**
 * End to end: /layers, /volume, /network and /registry through the real bot (startBot) and an unmodified discord.js
 * Client against the fake Discord, with podman behind DOCKER_SANDBOX_HOST and docker-registry behind
 * SANDBOX_REGISTRY_URL. The notes folder is the bundled notes plus a member's file on layers, volumes and networks,
 * so the replies link those sections through the real knowledge base.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { translator } from '../../src/i18n/index.js';
import { startBotAgainstFake, type BotHarness } from '../support/bot.js';
import { manualClock } from '../support/context.js';
import type { InteractionResponse } from '../support/fake-discord.js';
import {
  LAYERS_IMAGE,
  podmanOrSkip,
  seedStudyResources,
  startPodman,
  STUDY_NETWORK,
  STUDY_VOLUME,
  type PodmanEngine,
} from '../support/podman.js';
import { registryOrSkip, startRegistry, type LocalRegistry } from '../support/registry.js';

type Json = Record<string, any>; // eslint-disable-line @typescript-eslint/no-explicit-any

const ko = translator('ko');
const embedOf = (r: InteractionResponse): Json => ((r.message?.embeds as Json[] | undefined) ?? [])[0] ?? {};
const fieldsOf = (r: InteractionResponse): Map<string, string> =>
  new Map(((embedOf(r).fields as Json[] | undefined) ?? []).map((f) => [String(f.name), String(f.value)]));
const buttonsOf = (r: InteractionResponse): Json[] =>
  ((r.message?.components as Json[] | undefined) ?? []).flatMap((row) => row.components as Json[]);
const member = (n: number) => ({ id: `50000000000000000${n}`, username: `member${n}` });

const NOTES = `# 레이어와 저장소

## 이미지 레이어 (layer)
이미지는 읽기 전용 레이어를 차례로 쌓아 만든다. Dockerfile 한 단계가 레이어 하나.

## 레이어와 copy-on-write (쓰기 시 복사)
컨테이너는 맨 위에 쓰기 레이어를 얹고, 파일을 고칠 때 복사해서 고친다.

## 이미지 빌드 캐시 (build cache)
바뀌지 않은 단계는 빌드 캐시의 레이어를 다시 쓴다.

## 도커 볼륨 (volume)
볼륨은 컨테이너가 지워져도 남는 영속성 저장소다.

## 도커 네트워크 드라이버 (bridge)
기본 드라이버는 bridge(브리지)이고, 컨테이너는 네트워크의 서브넷에서 IP를 받는다.
`;

const { skip: noPodman, missing: podmanMissing } = podmanOrSkip();
const { skip: noRegistry, missing: registryMissing } = registryOrSkip();

describe.skipIf(noPodman || noRegistry)('layers, storage and registry through the fake Discord', () => {
  let engine: PodmanEngine;
  let registry: LocalRegistry;
  let h: BotHarness;
  const clock = manualClock(Date.now());

  beforeAll(async () => {
    if (podmanMissing) throw new Error('podman is required when CI=true (apt-get install -y podman)');
    if (registryMissing)
      throw new Error('docker-registry is required when CI=true (apt-get install -y docker-registry)');
    [engine, registry] = await Promise.all([startPodman(), startRegistry()]);
    await seedStudyResources(engine);
    await engine.podman(
      'push',
      '--tls-verify=false',
      '--quiet',
      LAYERS_IMAGE,
      `docker://${registry.host}/study/layers:1.0`,
    );
    for (let i = 0; i < 10; i++)
      await engine.podman(
        'push',
        '--tls-verify=false',
        '--quiet',
        LAYERS_IMAGE,
        `docker://${registry.host}/more/r${i}:1`,
      );
    h = await startBotAgainstFake({
      env: { DOCKER_SANDBOX_HOST: `unix://${engine.socketPath}`, SANDBOX_REGISTRY_URL: registry.url },
      notes: { 'study/member/layers.md': NOTES },
      bot: { clock },
    });
  });

  afterAll(async () => {
    await h?.close();
    await Promise.all([engine?.stop(), registry?.stop()]);
  });

  it('/layers answers with the rows, the chart as the embed image and links to the notes', async () => {
    const ix = await h.fake.sendCommand({ name: 'layers', options: { image: LAYERS_IMAGE }, user: member(1) });
    const r = await ix.waitForReply();
    const embed = embedOf(r);
    expect(embed.title).toBe(ko('sandbox.layers.title', { name: LAYERS_IMAGE }));
    expect(String(embed.description)).toContain(ko('sandbox.layers.largest'));
    const png = r.files.find((f) => f.name.endsWith('.png'));
    expect(png?.data.subarray(1, 4).toString()).toBe('PNG');
    expect(embed.image?.url).toBe(`attachment://${png?.name}`);
    expect(r.files.map((f) => f.name).sort()).toEqual([png!.name, png!.name.replace(/\.png$/, '.json')].sort());
    const notes = fieldsOf(r).get(ko('sandbox.notes.field')) ?? '';
    expect(notes).toContain('이미지 레이어 (layer)');
    expect(notes).toContain('copy-on-write');
    expect(notes).toContain('빌드 캐시');
    expect(buttonsOf(r).map((b) => String(b.label))).toHaveLength(3);
    expect(h.fake.violations).toEqual([]);
  });

  it('/volume and /network autocomplete names and explain them, host paths hidden', async () => {
    const complete = await h.fake.sendAutocomplete({ name: 'volume', options: { name: 'data' }, focused: 'name' });
    expect(((await complete.firstResponse()).data.choices as Json[]).map((c) => c.value)).toEqual([STUDY_VOLUME]);
    const vol = await (
      await h.fake.sendCommand({ name: 'volume', options: { name: STUDY_VOLUME }, user: member(2) })
    ).waitForReply();
    expect(fieldsOf(vol).get('Mountpoint')).toContain('(hidden)');
    expect(fieldsOf(vol).get(ko('sandbox.notes.field'))).toContain('도커 볼륨');
    expect(JSON.stringify(vol.message)).not.toContain(engine.dir);
    const net = await (
      await h.fake.sendCommand({ name: 'network', options: { name: STUDY_NETWORK }, user: member(3) })
    ).waitForReply();
    expect(fieldsOf(net).get('Driver')).toContain('bridge');
    expect(fieldsOf(net).get(ko('sandbox.notes.field'))).toContain('도커 네트워크 드라이버');
  });

  it('/registry pages the repositories with buttons and resolves a reference', async () => {
    const first = await (await h.fake.sendCommand({ name: 'registry', user: member(4) })).waitForReply();
    expect(String(embedOf(first).description).match(/^• /gm)).toHaveLength(10);
    const next = buttonsOf(first)[1];
    const second = await (
      await h.fake.clickButton({ customId: String(next?.custom_id), message: first.message })
    ).waitForReply();
    expect(second.callbackType).toBe(7);
    expect(String(embedOf(second).description)).toContain('**study/layers**');

    const ref = `${registry.host}/study/layers:1.0`;
    const r = await (
      await h.fake.sendCommand({ name: 'registry', options: { reference: ref }, user: member(5) })
    ).waitForReply();
    const fields = fieldsOf(r);
    expect(fields.get('프로젝트명')).toBe('`study`');
    expect(fields.get(ko('sandbox.registry.step.digest'))).toMatch(/`1\.0` → `sha256:[a-f0-9]{64}`/);
    // The engine built and pushed this image: the same digest, or at least the same image id (the config digest).
    expect(fields.get(ko('sandbox.registry.step.local'))).toContain('✅');
    expect(r.files.map((f) => f.name)).toEqual(['registry.json']);

    const imageref = await (
      await h.fake.sendCommand({ name: 'imageref', options: { reference: ref }, user: member(6) })
    ).waitForReply();
    expect(fieldsOf(imageref).get(ko('sandbox.registry.hintField'))).toContain(`/registry ${ref}`);
    expect(h.fake.violations).toEqual([]);
  });
});
