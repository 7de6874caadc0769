/**
 * Notes too large for the heap never abort the bot: the loader measures before it builds (HEAP_PER_NOTES_BYTE per
 * byte against what V8 still allows), the first load then starts the bot with no notes and one clear log line, and a
 * reload keeps the index in use. The child-process test runs the real entry point under a small heap cap, where
 * building the index used to end in V8's "FATAL ERROR: Ineffective mark-compacts".
 */
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { generateCorpus } from '../../src/notes/corpus.js';
import { HEAP_PER_NOTES_BYTE, loadNotes, NotesMemoryError } from '../../src/notes/load.js';
import { liveNotesStore } from '../../src/notes/store.js';
import { spawnEntry } from '../support/entry.js';
import { FakeDiscord } from '../support/fake-discord.js';

let dir: string;

beforeAll(() => {
  dir = mkdtempSync(path.join(tmpdir(), 'studybot-notes-mem-'));
  writeFileSync(path.join(dir, 'a.md'), '## 볼륨\n볼륨은 데이터를 영속적으로 저장한다.\n');
});

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe('notes that do not fit in memory', () => {
  it('are refused before they are parsed, naming the folder and what to do', async () => {
    const bytes = Buffer.byteLength('## 볼륨\n볼륨은 데이터를 영속적으로 저장한다.\n');
    const heap = () => ({ used: 0, limit: (bytes * HEAP_PER_NOTES_BYTE) / 0.9 - 1 });
    const error = await loadNotes(dir, { heap }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(NotesMemoryError);
    expect((error as Error).message).toContain(dir);
    expect((error as Error).message).toContain('NOTES_DIR');
    await expect(
      loadNotes(dir, { heap: () => ({ used: 0, limit: bytes * HEAP_PER_NOTES_BYTE * 2 }) }),
    ).resolves.toBeDefined();
  });

  it('leave the index in use in place on a reload', async () => {
    const initial = await loadNotes(dir);
    let fits = false;
    const store = liveNotesStore(initial, {
      load: () => loadNotes(dir, { heap: () => ({ used: 0, limit: fits ? 1e12 : 1 }) }),
    });
    const report = await store.reload();
    expect(report.ok).toBe(false);
    expect(report.error).toContain('NOTES_DIR');
    expect(store.index).toBe(initial);
    fits = true;
    expect((await store.reload()).ok).toBe(true);
  });

  it('start the real entry point with no notes and one clear line instead of a V8 abort', async () => {
    const notesDir = path.join(dir, 'big');
    for (let part = 0; part < 6; part++) {
      for (const f of generateCorpus({ seed: part + 1 })) {
        const file = path.join(notesDir, `p${part}`, f.file);
        mkdirSync(path.dirname(file), { recursive: true });
        writeFileSync(file, f.text);
      }
    }
    const fake = await FakeDiscord.start();
    const bot = spawnEntry(fake, { DATABASE_PATH: path.join(dir, 'child.db'), NOTES_DIR: notesDir }, [
      '--max-old-space-size=64',
    ]);
    try {
      await Promise.race([
        fake.waitFor('request', (r) => r.method === 'PUT' && r.path.includes('/commands'), 60_000),
        bot.exited.then(() => Promise.reject(new Error(`the bot exited: ${bot.stderr.slice(-2000)}`))),
      ]);
      const ix = await fake.sendCommand({ name: 'explain', options: { question: '도커 클라이언트' } });
      expect((await ix.waitForReply(undefined, 15_000)).ok).toBe(true);
      const out = bot.stdout + bot.stderr;
      const lines = out.split('\n').filter((l) => l.includes('NOTES_DIR'));
      expect(lines).toHaveLength(1);
      expect(lines[0]).toContain(notesDir);
      expect(out).not.toContain('FATAL');
      bot.child.kill('SIGTERM');
      expect(await bot.exited).toBe(0);
    } finally {
      bot.kill();
      await fake.close();
    }
  }, 90_000);
});
