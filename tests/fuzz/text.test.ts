/** Paging and trimming of anything a handler builds (notes text, member-written memos) for Discord's limits. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { embedLength, fitReply } from '../../src/core/limits.js';
import { LIMITS, type Button, type Embed, type Reply } from '../../src/core/reply.js';
import { paginate, truncate } from '../../src/core/text.js';
import { check, hostileString, hostileUnit, TIMEOUT } from './runs.js';

/** A string of about `max` characters: a short random piece repeated (cheap to generate at any length). */
const sized = (max: number) =>
  fc
    .tuple(fc.string({ unit: hostileUnit(), minLength: 1, maxLength: 4 }), fc.nat({ max }))
    .map(([piece, n]) => piece.repeat(Math.ceil(n / piece.length)).slice(0, n));

const FENCE = /^\s*(```|~~~)/;
const fenceLines = (page: string) => page.split('\n').filter((line) => FENCE.test(line)).length;
const noSpace = (s: string) => s.replace(/\s+/g, '');

/** Markdown-ish text: words, blank lines, code fences with and without a language, long unbroken runs. */
const markdown = fc
  .array(
    fc.oneof(
      { arbitrary: hostileString({ maxLength: 30, tokens: ['도커 ', '컨테이너 ', 'image '] }), weight: 5 },
      {
        arbitrary: fc.constantFrom('\n', '\n\n', '\n```\n', '\n```bash\n', '\n~~~\n', '```', ' ```', '\n  ```yaml\n'),
        weight: 2,
      },
      { arbitrary: sized(3000), weight: 1 },
    ),
    { maxLength: 60 },
  )
  .map((parts) => parts.join(''));

describe('fuzz: truncate', () => {
  it(
    'fits the limit, keeps a prefix and never leaves half of a surrogate pair it made',
    () => {
      check(
        fc.property(sized(300), fc.integer({ min: -5, max: 300 }), (text, max) => {
          const cut = truncate(text, max);
          expect(cut.length).toBeLessThanOrEqual(Math.max(0, max));
          if (text.length <= max) expect(cut).toBe(text);
          else if (max > 0) {
            expect(cut.endsWith('…')).toBe(true);
            expect(text.startsWith(cut.slice(0, -1))).toBe(true);
            // A pair split by the cut would leave a high surrogate right before the ellipsis.
            const before = cut.charCodeAt(cut.length - 2);
            const splitPair = before >= 0xd800 && before <= 0xdbff && text.charCodeAt(cut.length - 1) >= 0xdc00;
            expect(splitPair).toBe(false);
          }
        }),
      );
    },
    TIMEOUT,
  );
});

describe('fuzz: paginate', () => {
  it(
    'keeps pages within the size, loses no text, and balances code fences on every page',
    () => {
      check(
        fc.property(markdown, fc.integer({ min: 20, max: 2000 }), (text, max) => {
          const pages = paginate(text, max);
          expect(pages.length).toBeGreaterThan(0);
          for (const page of pages) expect(page.length).toBeLessThanOrEqual(max);
          // Every non-space character survives, in order; only fence lines are added at page breaks.
          const out = noSpace(pages.join('\n'));
          const input = noSpace(text);
          if (!/```|~~~/.test(text)) expect(out).toBe(input);
          let at = 0;
          for (let i = 0; i < out.length && at < input.length; i++) if (out[i] === input[at]) at++;
          expect(at).toBe(input.length);
          // Every page but the last closes what it opens; the last is balanced when the input is.
          pages.slice(0, -1).forEach((page) => expect(fenceLines(page) % 2, page).toBe(0));
          // (A run of spaces and backticks longer than a quarter page may have to be cut through: not counted.)
          const cutThrough = new RegExp(`(?:[^\\S\\n]|[\`~]){${Math.floor(max / 4)},}`);
          const inputBalanced = fenceLines(text.trim()) % 2 === 0 && !cutThrough.test(text);
          if (inputBalanced) expect(fenceLines(pages.at(-1) ?? '') % 2).toBe(0);
        }),
        0.5,
      );
    },
    TIMEOUT,
  );
});

const button: fc.Arbitrary<Button> = fc.record(
  {
    label: sized(200),
    customId: fc.constant('v1:x'),
    style: fc.constantFrom('primary', 'secondary', 'success', 'danger'),
  },
  { requiredKeys: ['label'] },
);
const field = fc.record({ name: sized(400), value: sized(1500), inline: fc.boolean() });
const embed: fc.Arbitrary<Embed> = fc.record(
  {
    title: sized(400),
    description: sized(6000),
    author: sized(400),
    footer: sized(2500),
    fields: fc.array(field, { maxLength: 30 }),
    color: fc.integer({ min: 0, max: 0xffffff }),
  },
  { requiredKeys: [] },
);
const reply: fc.Arbitrary<Reply> = fc.record(
  {
    content: sized(5000),
    embeds: fc.array(embed, { maxLength: 12 }),
    buttons: fc.array(fc.array(button, { maxLength: 7 }), { maxLength: 7 }),
    ephemeral: fc.boolean(),
  },
  { requiredKeys: [] },
);

describe('fuzz: fitReply', () => {
  it(
    'always fits every Discord limit',
    () => {
      check(
        fc.property(reply, (r) => {
          const out = fitReply(r);
          expect(out.content?.length ?? 0).toBeLessThanOrEqual(LIMITS.content);
          const embeds = out.embeds ?? [];
          expect(embeds.length).toBeLessThanOrEqual(LIMITS.embedsPerMessage);
          let total = 0;
          for (const e of embeds) {
            expect(e.title?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedTitle);
            expect(e.description?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedDescription);
            expect(e.author?.length ?? 0).toBeLessThanOrEqual(LIMITS.author);
            expect(e.footer?.length ?? 0).toBeLessThanOrEqual(LIMITS.footer);
            expect(e.fields?.length ?? 0).toBeLessThanOrEqual(LIMITS.embedFields);
            for (const f of e.fields ?? []) {
              expect(f.name.length).toBeGreaterThan(0);
              expect(f.name.length).toBeLessThanOrEqual(LIMITS.fieldName);
              expect(f.value.length).toBeGreaterThan(0);
              expect(f.value.length).toBeLessThanOrEqual(LIMITS.fieldValue);
            }
            total += embedLength(e);
          }
          expect(total).toBeLessThanOrEqual(LIMITS.embedTotal);
          const rows = out.buttons ?? [];
          expect(rows.length).toBeLessThanOrEqual(LIMITS.rows);
          for (const row of rows) {
            expect(row.length).toBeGreaterThan(0);
            expect(row.length).toBeLessThanOrEqual(LIMITS.buttonsPerRow);
            for (const b of row) expect(b.label.length).toBeLessThanOrEqual(LIMITS.buttonLabel);
          }
        }),
        0.5,
      );
    },
    TIMEOUT,
  );
});
