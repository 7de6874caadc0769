/**
 * The rules a group sets for its meetings (`data/rules.yaml`, RULES_PATH): attendance and a fine ledger, off unless
 * the file says `enabled: true`. Validated with zod at start; errors name the file and line, as book.yaml's do.
 * The fine arithmetic (doubling on repeat, the cap, excuses) is here too, pure, so the ledger only stores facts.
 */
import { readFile } from 'node:fs/promises';
import { LineCounter, parseDocument } from 'yaml';
import { z } from 'zod';
import { aliasLine, pathLine } from '../core/yaml.js';

/** The largest amount a rule may name (₩10,000,000): a typo bound, not a policy. */
export const AMOUNT_MAX = 10_000_000;

const fineRule = z
  .object({
    amount: z.number().int().min(0).max(AMOUNT_MAX),
    /** `double`: each repeat of the same kind doubles the previous amount; `same`: every time the same. */
    repeat: z.enum(['same', 'double']).default('same'),
    /** The most one fine of this kind can be (doubling stops there). */
    max: z.number().int().min(0).max(AMOUNT_MAX).optional(),
  })
  .strict();

const rulesSchema = z
  .object({
    enabled: z.boolean().default(false),
    /** The "참석" button in the meeting pack. */
    attendance: z.boolean().default(true),
    /** The treasurer's (총무) Discord user id; admins can set one per server with `/fines treasurer`. */
    treasurer: z
      .string()
      .regex(/^\d{17,20}$/, 'a Discord user id (17–20 digits)')
      .nullable()
      .default(null),
    /** A Discord role whose members are treasurers (총무) too: the group's 총무 role. */
    treasurer_role: z
      .string()
      .regex(/^\d{17,20}$/, 'a Discord role id (17–20 digits)')
      .nullable()
      .default(null),
    fines: z
      .object({
        /** Notes for the meeting's chapters missing at the deadline. */
        late_notes: fineRule.nullable().default(null),
        /** Not marked present at the meeting (needs `attendance: true`). */
        absence: fineRule.nullable().default(null),
      })
      .strict()
      .default({ late_notes: null, absence: null }),
    /** Fines count for meetings whose note deadline falls on or after this day (YYYY-MM-DD, group timezone). */
    since: z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, 'a day as YYYY-MM-DD')
      .nullable()
      .default(null),
    /** `before_deadline`: an excuse asked before the note deadline waives that meeting's fines; `never`: no excuses. */
    excuse: z.enum(['before_deadline', 'never']).default('before_deadline'),
  })
  .strict();

export type FineRule = z.infer<typeof fineRule>;
export type FineKind = 'late_notes' | 'absence';
export const FINE_KINDS: readonly FineKind[] = ['late_notes', 'absence'];

export interface Rules {
  enabled: boolean;
  attendance: boolean;
  treasurer: string | null;
  /** Members with this Discord role may record payments too. */
  treasurerRole: string | null;
  fines: Record<FineKind, FineRule | null>;
  excuse: 'before_deadline' | 'never';
  since: string | null;
}

/** What a group gets with no rules file: nothing on. */
export const NO_RULES: Rules = {
  enabled: false,
  attendance: false,
  treasurer: null,
  treasurerRole: null,
  fines: { late_notes: null, absence: null },
  excuse: 'before_deadline',
  since: null,
};

export class RulesError extends Error {
  override name = 'RulesError';
}

/** Parses and validates rules YAML; `file` only labels errors (`rules.yaml:7: fines.absence.amount: …`). */
export function parseRules(text: string, file = 'rules.yaml'): Rules {
  const lineCounter = new LineCounter();
  const doc = parseDocument(text, { lineCounter, prettyErrors: false });
  const yamlError = doc.errors[0];
  if (yamlError) {
    const line = yamlError.linePos?.[0].line ?? 1;
    throw new RulesError(`${file}:${line}: ${yamlError.message.split('\n')[0]}`);
  }
  let data: unknown;
  try {
    data = doc.toJS();
  } catch (err) {
    throw new RulesError(`${file}:${aliasLine(doc, lineCounter)}: ${(err as Error).message}`);
  }
  // An empty file (or one with only comments) is "no rules".
  const parsed = rulesSchema.safeParse(data ?? {});
  if (parsed.success) {
    const r = parsed.data;
    return {
      enabled: r.enabled,
      attendance: r.enabled && r.attendance,
      treasurer: r.treasurer,
      treasurerRole: r.treasurer_role,
      fines: r.fines,
      excuse: r.excuse,
      since: r.since,
    };
  }
  const issue = parsed.error.issues[0];
  if (!issue) throw new RulesError(`${file}: invalid rules`);
  const path = issue.path.filter((p): p is string | number => typeof p !== 'symbol');
  const where = path.join('.') || '(root)';
  throw new RulesError(`${file}:${pathLine(doc, lineCounter, path)}: ${where}: ${issue.message}`);
}

/** Loads RULES_PATH; a missing file is "no rules" (the feature is optional), an unreadable or invalid one throws. */
export async function loadRules(file: string): Promise<Rules> {
  let text: string;
  try {
    text = await readFile(file, 'utf8');
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    if (code === 'ENOENT') return NO_RULES;
    throw new RulesError(`${file}: cannot read the rules file (${code ?? String(err)})`);
  }
  return parseRules(text, file);
}

/** The rule of a kind when fines are on, else null. */
export function activeRule(rules: Rules, kind: FineKind): FineRule | null {
  if (!rules.enabled) return null;
  if (kind === 'absence' && !rules.attendance) return null;
  return rules.fines[kind];
}

/** The amount of a member's `nth` fine of a kind: doubling from the base when the rule says so, up to its max. */
export function fineAmount(rule: FineRule, nth: number): number {
  const cap = rule.max ?? AMOUNT_MAX;
  if (rule.repeat === 'same') return Math.min(rule.amount, cap);
  // 2^(nth-1) grows past any cap within ~24 steps; stop early so the number stays exact.
  let amount = rule.amount;
  for (let i = 1; i < nth && amount < cap; i++) amount *= 2;
  return Math.min(amount, cap);
}

/** ₩5,000: the won sign and thousands separators, the same in every locale (it is the group's money). */
export function formatWon(amount: number): string {
  const sign = amount < 0 ? '-' : '';
  return `${sign}₩${Math.abs(Math.round(amount)).toLocaleString('en-US')}`;
}

/** The meeting domain's app-wide service: the rules, loaded and validated once at start. */
export interface MeetingService {
  rules: Rules;
}

/** Loads RULES_PATH (throws a RulesError naming the line when the YAML is invalid). */
export async function createMeetingService(config: { RULES_PATH: string }): Promise<MeetingService> {
  return { rules: await loadRules(config.RULES_PATH) };
}
