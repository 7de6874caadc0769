/**
 * Helpers for the quiz tests: a small markdown → NotesIndex builder (so these tests don't depend on the notes
 * loader's ranking details, only on the NotesIndex contract), and manual timers driven by the manual clock.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { NotesIndex, Section } from '../../src/notes/types.js';
import type { TimerHandle, Timers } from '../../src/quiz/timers.js';

export const SEED_NOTES = path.resolve(import.meta.dirname, '../../data/notes/docker-study.md');
export const K8S_NOTES = path.resolve(import.meta.dirname, 'fixtures/k8s/k8s-study.md');

const RECORD = [
  '전부 읽고 난 후기',
  '특별히 궁금했던 부분',
  '독서 과정 기록',
  '이해도 점검 & 난이도 평가',
  '목차를 읽기 전에 든 생각',
];

/** Headings split at every `#` line; record sections (and their children) by the template's headings. */
export function indexFrom(files: { file: string; text: string }[]): NotesIndex {
  const sections: Section[] = [];
  for (const { file, text } of files) {
    const lines = text.split('\n');
    const stack: Section[] = [];
    let current: Section | null = null;
    const body: string[] = [];
    const flush = () => {
      if (current) current.text = current.body = body.join('\n').trim();
      body.length = 0;
    };
    lines.forEach((line, i) => {
      const m = /^(#{1,6})\s+(.*)$/.exec(line);
      if (!m) return void body.push(line);
      flush();
      const depth = (m[1] as string).length;
      const display = (m[2] as string).trim();
      const heading = display.replace(/\p{Extended_Pictographic}\uFE0F?/gu, '').trim();
      while (stack.length > 0 && (stack[stack.length - 1] as Section).depth >= depth) stack.pop();
      const parent = stack[stack.length - 1] ?? null;
      const record = RECORD.includes(heading) || parent?.kind === 'record';
      current = {
        id: `${file}#${i + 1}`,
        file,
        line: i + 1,
        depth,
        heading,
        displayHeading: display,
        path: [...(parent?.path ?? []), heading],
        body: '',
        text: '',
        kind: record ? 'record' : 'concept',
        empty: false,
        images: [],
        children: [],
        parent: parent?.id ?? null,
      };
      parent?.children.push(current.id);
      sections.push(current);
      stack.push(current);
    });
    flush();
  }
  const byId = new Map(sections.map((s) => [s.id, s]));
  const hasText = (s: Section): boolean =>
    s.body.trim() !== '' || s.children.some((c) => hasText(byId.get(c) as Section));
  for (const s of sections) s.empty = !hasText(s);
  return {
    dir: '/notes',
    sections,
    warnings: [],
    get: (id) => byId.get(id),
    search: (query) => ({ query, found: false, results: [], suggestions: [], emptyTopic: null }),
    autocomplete: (input) =>
      sections.filter((s) => s.heading.includes(input)).map((section) => ({ section, label: section.heading })),
    related: () => [],
  };
}

export const seedIndex = () => indexFrom([{ file: 'docker-study.md', text: readFileSync(SEED_NOTES, 'utf8') }]);
export const k8sIndex = () => indexFrom([{ file: 'k8s-study.md', text: readFileSync(K8S_NOTES, 'utf8') }]);

/** Timers that fire only when the test advances the clock; `advance` lets async work settle after each firing. */
export function manualTimers(clock: { now(): number; set(ms: number): void }) {
  let nextId = 1;
  const pending = new Map<number, { at: number; fn: () => void }>();
  const timers: Timers & { advance(ms: number): Promise<void>; pendingCount(): number } = {
    set(fn, ms) {
      const id = nextId++;
      pending.set(id, { at: clock.now() + Math.max(0, ms), fn });
      return { id };
    },
    clear(handle: TimerHandle) {
      pending.delete(handle.id);
    },
    async advance(ms) {
      const target = clock.now() + ms;
      await settle();
      for (;;) {
        const due = [...pending.entries()]
          .filter(([, t]) => t.at <= target)
          .sort((a, b) => a[1].at - b[1].at || a[0] - b[0])[0];
        if (!due) break;
        pending.delete(due[0]);
        clock.set(Math.max(clock.now(), due[1].at));
        due[1].fn();
        await settle();
      }
      clock.set(target);
      await settle();
    },
    pendingCount: () => pending.size,
  };
  return timers;
}

/** Lets queued promise callbacks run (no wall-clock waiting). */
export async function settle(): Promise<void> {
  for (let i = 0; i < 20; i++) await new Promise<void>((r) => setImmediate(r));
}
