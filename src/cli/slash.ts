/**
 * Turns a console line such as `/explain 이미지 이름 규칙` or `/rate 3 4 어려운부분:네트워크 설정` into the same
 * RawInvocation the Discord adapter builds from an interaction.
 *
 * - Options go as `name:value`, by their English name or the Korean one Discord shows (`장:2`, `어려운부분:…`). A
 *   free-text option given by name takes the words up to the next `name:`.
 * - The remaining words fill the required options in order, then the optional ones whose type they fit. A duration
 *   takes as many words as still read as one (`1시간 20분`), and a free-text option takes the rest of the line when
 *   no required option is left to fill (`/rate 5 3 어려웠던 부분: 라이프 사이클` → hard_part).
 * - `"quoted text"` stays one value; `⭐⭐⭐` is 3 for a number option; a choice can be typed by its label.
 */
import { statSync } from 'node:fs';
import path from 'node:path';
import { pathToFileURL } from 'node:url';
import { disassemble } from 'es-hangul';
import type { RawInvocation, Registry } from '../commands/dispatch.js';
import type { Command } from '../commands/types.js';
import { OptionType, type OptionData } from '../commands/types.js';
import { extraWords, invalidOption, missingSubcommand, subcommandsOf, unknownCommand } from '../commands/usage.js';
import { parseDuration } from '../study/duration.js';
import { parseDay } from '../study/time.js';

/** One word of a line: its text with quotes and escapes resolved, the text as typed, and where it starts. */
export interface Token {
  text: string;
  raw: string;
  start: number;
}

const TOKEN = /(?:[^\s"]+:)?"(?:[^"\\]|\\.)*"?|\S+/g;

/** Splits on spaces, keeping "quoted text" (and name:"quoted text") together. */
export function scan(line: string): Token[] {
  const tokens: Token[] = [];
  for (const m of line.matchAll(TOKEN)) {
    const text = m[0].replace(
      /^((?:[^\s"]+:)?)"((?:[^"\\]|\\.)*)"?$/,
      (_all, name: string, body: string) => name + body.replace(/\\(.)/g, '$1'),
    );
    tokens.push({ text, raw: m[0], start: m.index });
  }
  return tokens;
}

export function tokenize(line: string): string[] {
  return scan(line).map((t) => t.text);
}

/**
 * Korean names for options and subcommands whose command data has no Korean localisation yet (the study commands).
 * The data's own `name_localizations.ko` always wins; these are only tried after it.
 */
const KO_ALIASES: Readonly<Record<string, readonly string[]>> = {
  chapter: ['장', '챕터'],
  stars: ['별점', '별', '이해도'],
  hard_part: ['어려운부분', '어려웠던부분'],
  why: ['이유', '어려웠던이유'],
  insight: ['깨달음', '깨달은부분'],
  minutes: ['시간', '읽은시간'],
  date: ['날짜'],
  memo: ['메모'],
  text: ['내용'],
  id: ['번호'],
  member: ['멤버'],
  file: ['파일'],
  format: ['형식'],
  zone: ['시간대'],
  time: ['시각'],
  name: ['이름'],
  reference: ['이미지이름'],
  add: ['추가'],
  undo: ['취소'],
  list: ['목록'],
  done: ['완료'],
  export: ['내보내기'],
  import: ['가져오기'],
  timezone: ['시간대'],
  reminder: ['알림'],
  show: ['보기'],
  image: ['이미지'],
  container: ['컨테이너'],
};

const squash = (s: string) =>
  s
    .normalize('NFC')
    .toLowerCase()
    .replace(/[\s_-]+/g, '');

export function optionNamed(options: readonly OptionData[], name: string): OptionData | undefined {
  const want = squash(name);
  if (want === '') return undefined;
  return (
    options.find((o) => squash(o.name) === want) ??
    options.find((o) => o.name_localizations?.ko !== undefined && squash(o.name_localizations.ko) === want) ??
    options.find((o) => Object.hasOwn(KO_ALIASES, o.name) && KO_ALIASES[o.name]?.some((a) => squash(a) === want))
  );
}

function commandNamed(registry: Registry, name: string): Command | undefined {
  const want = squash(name);
  return [...registry.commands.values()].find(
    (c) => squash(c.data.name) === want || (c.data.name_localizations?.ko ?? '') === name.normalize('NFC'),
  );
}

/** Hangul split into letters, so `설멍` is one letter away from `설명`. */
const letters = (s: string) => [...disassemble(s.normalize('NFC').toLowerCase())];

/** Optimal string alignment distance (a swap of two neighbours counts once: `explian` → `explain`). */
function distance(a: readonly string[], b: readonly string[]): number {
  const d = Array.from({ length: a.length + 1 }, (_, i) => [i, ...Array<number>(b.length).fill(0)]);
  for (let j = 1; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++) {
    const row = d[i] as number[];
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let best = Math.min((d[i - 1] as number[])[j]! + 1, row[j - 1]! + 1, (d[i - 1] as number[])[j - 1]! + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        best = Math.min(best, (d[i - 2] as number[])[j - 2]! + 1);
      }
      row[j] = best;
    }
  }
  return (d[a.length] as number[])[b.length]!;
}

/** The registered names nearest to a mistyped one (English and Korean), best first, at most three. */
export function suggestCommands(registry: Registry, typed: string): string[] {
  const word = letters(typed);
  if (word.length === 0) return [];
  const scored: { name: string; score: number }[] = [];
  for (const c of registry.commands.values()) {
    let best: { name: string; score: number } | undefined;
    for (const name of [c.data.name, c.data.name_localizations?.ko]) {
      if (!name) continue;
      const target = letters(name);
      const d = distance(word, target);
      const limit = Math.max(1, Math.floor(Math.max(word.length, target.length) / 3));
      const prefix = word.length >= 2 && target.join('').startsWith(word.join(''));
      const score = prefix ? 0.5 : d <= limit ? d : Infinity;
      if (score < (best?.score ?? Infinity)) best = { name, score };
    }
    if (best) scored.push(best);
  }
  return scored
    .sort((a, b) => a.score - b.score)
    .slice(0, 3)
    .map((s) => `/${s.name}`);
}

// ---- what a word can be for an option

type Kind = 'duration' | 'date' | 'number' | 'choice' | 'boolean' | 'text' | 'word';

/** A string option without choices that holds a sentence (a question, a memo, what was hard). */
const FREE_TEXT_MIN_LENGTH = 200;
const RELATIVE_DAYS = new Set(['today', '오늘', 'yesterday', '어제', '그제', '그저께']);
const TRUE_OR_FALSE = /^(true|false|yes|no|y|n|on|off|예|네|아니요|아니오)$/i;
const STARS = /^(?:⭐|★|\uFE0F)+$/u;
const NUMBER = /^[-+]?(\d+(\.\d*)?|\.\d+)$/;

export function kindOf(opt: OptionData): Kind {
  if (opt.choices && opt.choices.length > 0) return 'choice';
  switch (opt.type) {
    case OptionType.Integer:
    case OptionType.Number:
      return 'number';
    case OptionType.Boolean:
      return 'boolean';
    case OptionType.String:
      if (opt.name === 'minutes') return 'duration';
      if (opt.name === 'date') return 'date';
      return (opt.max_length ?? Infinity) >= FREE_TEXT_MIN_LENGTH ? 'text' : 'word';
    default:
      return 'word';
  }
}

function choiceFor(opt: OptionData, text: string): string | number | undefined {
  const want = squash(text);
  for (const c of opt.choices ?? []) {
    const names = [String(c.value), c.name, ...Object.values(c.name_localizations ?? {})];
    if (names.some((n) => squash(n) === want)) return c.value;
  }
  if (STARS.test(text)) {
    const n = [...text].filter((ch) => ch === '⭐' || ch === '★').length;
    return opt.choices?.find((c) => c.value === n)?.value;
  }
  return undefined;
}

/** Whether a word can be this option's value (an optional option is skipped for words that cannot). */
function accepts(opt: OptionData, text: string): boolean {
  switch (kindOf(opt)) {
    case 'duration':
      return parseDuration(text).ok;
    case 'date':
      return parseDay(text) !== null || RELATIVE_DAYS.has(text.toLowerCase());
    case 'number':
      return NUMBER.test(text.trim()) || STARS.test(text);
    case 'choice':
      return choiceFor(opt, text) !== undefined;
    case 'boolean':
      return TRUE_OR_FALSE.test(text.trim());
    default:
      return true;
  }
}

/** One word as typed, several joined as typed (quotes inside a sentence are kept). */
function joined(tokens: readonly Token[]): string {
  if (tokens.length === 1) return (tokens[0] as Token).text;
  return tokens.map((t) => t.raw).join(' ');
}

/** How many words from `at` read as one duration (`1 h 20 min` is four); at least one. */
function durationLength(tokens: readonly Token[], at: number): number {
  for (let n = Math.min(6, tokens.length - at); n > 1; n--) {
    if (
      parseDuration(
        tokens
          .slice(at, at + n)
          .map((t) => t.text)
          .join(' '),
      ).ok
    )
      return n;
  }
  return 1;
}

const NAMED = /^([^:\s"]+):(.*)$/s;

export interface ParsedLine {
  command: Command;
  sub: OptionData | undefined;
  options: readonly OptionData[];
  /** The words each option got, in the line's order. */
  taken: Map<string, Token[]>;
  /** Words no option took. */
  rest: Token[];
  /** The option that got the line's last word. */
  last: OptionData | undefined;
}

/** Reads a line into options; throws a UsageError for an unknown command or subcommand. */
export function parseLine(line: string, registry: Registry): ParsedLine {
  const trimmed = line.trimStart();
  const offset = line.length - trimmed.length + (trimmed.startsWith('/') ? 1 : 0);
  const tokens = scan(line.slice(offset)).map((t) => ({ ...t, start: t.start + offset }));
  const first = tokens.shift();
  const command = first ? commandNamed(registry, first.text) : undefined;
  if (!command) {
    const name = first?.text ?? '';
    throw unknownCommand(name, suggestCommands(registry, name));
  }
  let options = command.data.options ?? [];
  let sub: OptionData | undefined;
  const subs = subcommandsOf(command.data);
  if (subs.length > 0) {
    sub = tokens[0] ? optionNamed(subs, tokens[0].text) : undefined;
    if (!sub) throw missingSubcommand(command.data, tokens[0]?.text);
    tokens.shift();
    options = sub.options ?? [];
  }

  const taken = new Map<string, Token[]>();
  const positional: Token[] = [];
  let lastNamed: OptionData | undefined;
  let lastNamedAt = -1;
  const required = options.filter((o) => o.required).length;
  /** The option a bare `name:` or a free-text `name:value` is still taking words for. */
  let open: { opt: OptionData; words: Token[]; greedy: boolean } | null = null;
  const namedAt = (t: Token) => {
    const m = NAMED.exec(t.text);
    const opt = m?.[1] ? optionNamed(options, m[1]) : undefined;
    return m && opt ? { opt, value: m[2] ?? '' } : undefined;
  };
  for (const t of tokens) {
    const named = namedAt(t);
    if (named) {
      const colon = t.raw.indexOf(':') + 1;
      const words = named.value === '' ? [] : [{ text: named.value, raw: t.raw.slice(colon), start: t.start + colon }];
      taken.set(named.opt.name, words);
      [lastNamed, lastNamedAt] = [named.opt, t.start];
      // A sentence given by name runs to the next `name:` once the required options have their words.
      const greedy = kindOf(named.opt) === 'text' && positional.length >= required - countNamedRequired(taken, options);
      open = { opt: named.opt, words, greedy };
      continue;
    }
    if (open && (open.words.length === 0 || open.greedy)) {
      open.words.push(t);
      continue;
    }
    open = null;
    positional.push(t);
  }

  const unfilled = [...options.filter((o) => o.required), ...options.filter((o) => !o.required)].filter(
    (o) => !taken.has(o.name),
  );
  let p = 0;
  for (let i = 0; i < unfilled.length && p < positional.length; i++) {
    const opt = unfilled[i] as OptionData;
    const later = unfilled.slice(i + 1);
    const kind = kindOf(opt);
    const word = (positional[p] as Token).text;
    if (!opt.required && !accepts(opt, word)) continue;
    let n = 1;
    if (kind === 'duration') n = durationLength(positional, p);
    else if (kind === 'text' && !later.some((o) => o.required)) n = positional.length - p;
    else if (kind === 'word' && opt.type === OptionType.String) {
      if (later.length === 0) n = positional.length - p;
      else if (!opt.required) {
        // `/quiz start 도커 기초 5`: words no later option could take stay with the topic.
        while (p + n < positional.length && !later.some((o) => accepts(o, (positional[p + n] as Token).text))) n++;
      }
    }
    taken.set(opt.name, positional.slice(p, p + n));
    p += n;
  }
  const rest = positional.slice(p);
  // The option that got the line's last word (a bare `name:` at the end counts as getting it).
  let last: OptionData | undefined = lastNamed;
  let lastAt = lastNamedAt;
  for (const [name, words] of taken) {
    const at = words.at(-1)?.start ?? -1;
    if (at > lastAt) [last, lastAt] = [options.find((o) => o.name === name), at];
  }
  if ((rest.at(-1)?.start ?? -1) > lastAt) last = undefined;
  return { command, sub, options, taken, rest, last };
}

function countNamedRequired(taken: Map<string, Token[]>, options: readonly OptionData[]): number {
  return options.filter((o) => o.required && taken.has(o.name)).length;
}

export function parseSlashLine(line: string, registry: Registry): RawInvocation {
  const parsed = parseLine(line, registry);
  const { command, sub, options, taken, rest } = parsed;
  if (rest.length > 0) throw extraWords(command.data, sub, joined(rest));
  const values: Record<string, unknown> = {};
  for (const opt of options) {
    const words = taken.get(opt.name);
    if (words === undefined) continue;
    values[opt.name] = localValue(command, sub, opt, joined(words));
  }
  return { name: command.data.name, subcommand: sub?.name, options: values };
}

/** Console stand-ins for Discord's resolved values: `@name` for a member, a file path for an attachment. */
function localValue(command: Command, sub: OptionData | undefined, opt: OptionData, raw: string): unknown {
  if (opt.type === OptionType.User) {
    const id = raw.replace(/^<?@!?/, '').replace(/>$/, '');
    return { id, name: id };
  }
  if (opt.type === OptionType.Attachment) {
    const file = path.resolve(raw);
    let size = 0;
    try {
      size = statSync(file).size;
    } catch {
      throw invalidOption(command.data, sub, opt, raw, { kind: 'file' });
    }
    return { id: 'local', name: path.basename(file), url: pathToFileURL(file).href, size, contentType: null };
  }
  const choice = choiceFor(opt, raw);
  if (choice !== undefined) return typeof choice === 'number' ? String(choice) : choice;
  if (kindOf(opt) === 'number' && STARS.test(raw))
    return String([...raw].filter((c) => c === '⭐' || c === '★').length);
  return raw;
}

// ---- autocomplete in the console (Tab, or `?` at the end of the line)

export interface CompletionTarget {
  raw: RawInvocation;
  option: OptionData;
  /** The value typed so far. */
  value: string;
  /** Where that value starts in the line (what Tab replaces). */
  start: number;
}

/**
 * The autocomplete option being typed at the end of the line, with what was typed so far: the option that got the
 * last word, or the next one to fill after a space. Undefined when the line is not there yet or has no such option.
 */
export function completionTarget(line: string, registry: Registry): CompletionTarget | undefined {
  let parsed: ParsedLine;
  try {
    parsed = parseLine(line, registry);
  } catch {
    return undefined;
  }
  const { command, sub, options, taken } = parsed;
  const raw: RawInvocation = { name: command.data.name, subcommand: sub?.name, options: {} };
  for (const [name, words] of taken) raw.options[name] = joined(words);
  let option: OptionData | undefined;
  let value = '';
  let start = line.length;
  if (/\s$/.test(line) || parsed.last === undefined) {
    const taking = parsed.last && kindOf(parsed.last) === 'text' && taken.get(parsed.last.name)?.length;
    option = taking ? parsed.last : options.find((o) => !taken.has(o.name) && o.autocomplete);
    if (option && taking) {
      const words = taken.get(option.name) as Token[];
      start = (words[0] as Token).start;
      value = line.slice(start);
    }
  } else {
    option = parsed.last;
    const words = taken.get(option.name) ?? [];
    if (words.length > 0) {
      start = (words[0] as Token).start;
      value = words.length === 1 ? (words[0] as Token).text : line.slice(start);
    }
  }
  if (!option?.autocomplete) return undefined;
  raw.options[option.name] = value;
  return { raw, option, value, start };
}

/** Command names (`/ex` → `/explain`, `/export`), then subcommand names, for Tab. */
export function completeNames(line: string, registry: Registry): string[] | undefined {
  const m = /^\/(\S*)$/.exec(line);
  if (m) {
    const typed = squash(m[1] ?? '');
    const names = [...registry.commands.values()].flatMap((c) => [c.data.name, c.data.name_localizations?.ko ?? '']);
    return names.filter((n) => n !== '' && squash(n).startsWith(typed)).map((n) => `/${n}`);
  }
  const s = /^\/(\S+)\s+(\S*)$/.exec(line);
  const command = s?.[1] ? commandNamed(registry, s[1]) : undefined;
  if (!s || !command) return undefined;
  const subs = subcommandsOf(command.data);
  if (subs.length === 0) return undefined;
  const typed = squash(s[2] ?? '');
  const names = subs.flatMap((o) => [o.name, o.name_localizations?.ko ?? '']);
  return names.filter((n) => n !== '' && squash(n).startsWith(typed)).map((n) => `/${s[1]} ${n}`);
}
