/**
 * data/rules.yaml: validated with zod, errors naming the file and line; off unless enabled; the fine arithmetic
 * (doubling on repeat, the cap) and the won format.
 */
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadConfig } from '../../src/config.js';
import {
  activeRule,
  fineAmount,
  formatWon,
  loadRules,
  NO_RULES,
  parseRules,
  RulesError,
} from '../../src/meeting/rules.js';

const ON = `enabled: true
attendance: true
fines:
  late_notes:
    amount: 5000
    repeat: double
    max: 20000
  absence:
    amount: 5000
`;

describe('the rules file', () => {
  it('ships off: the bundled data/rules.yaml enables nothing', async () => {
    const rules = await loadRules(loadConfig({}).RULES_PATH);
    expect(rules.enabled).toBe(false);
    expect(rules.attendance).toBe(false);
    expect(activeRule(rules, 'late_notes')).toBeNull();
    expect(activeRule(rules, 'absence')).toBeNull();
    // …and it does name the usual rules, ready to switch on.
    expect(rules.fines.late_notes).toEqual({ amount: 5000, repeat: 'double', max: 20000 });
    expect(rules.fines.absence).toEqual({ amount: 5000, repeat: 'same' });
  });

  it('a missing file is no rules; an empty one too', async () => {
    const dir = mkdtempSync(path.join(tmpdir(), 'rules-'));
    try {
      expect(await loadRules(path.join(dir, 'none.yaml'))).toEqual(NO_RULES);
      writeFileSync(path.join(dir, 'empty.yaml'), '# nothing yet\n');
      expect((await loadRules(path.join(dir, 'empty.yaml'))).enabled).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads enabled rules', () => {
    const rules = parseRules(ON);
    expect(rules.enabled).toBe(true);
    expect(activeRule(rules, 'late_notes')?.amount).toBe(5000);
    expect(activeRule(rules, 'absence')?.repeat).toBe('same');
    expect(rules.excuse).toBe('before_deadline');
  });

  it('absence fines need the attendance button', () => {
    const rules = parseRules(ON.replace('attendance: true', 'attendance: false'));
    expect(activeRule(rules, 'absence')).toBeNull();
    expect(activeRule(rules, 'late_notes')).not.toBeNull();
  });

  it.each([
    [
      'a negative amount',
      ON.replace('amount: 5000\n    repeat', 'amount: -5\n    repeat'),
      /^r\.yaml:5: fines\.late_notes\.amount: /,
    ],
    ['an unknown repeat', ON.replace('repeat: double', 'repeat: triple'), /^r\.yaml:6: fines\.late_notes\.repeat: /],
    ['an unknown key', `${ON}fine: 3\n`, /^r\.yaml:1: \(root\): .*fine/],
    ['a treasurer that is not a user id', `${ON}treasurer: 총무\n`, /^r\.yaml:10: treasurer: a Discord user id/],
    ['broken YAML', 'enabled: true\nfines: [\n', /^r\.yaml:\d+: /],
    ['a bad since day', `${ON}since: tomorrow\n`, /^r\.yaml:10: since: a day as YYYY-MM-DD/],
  ])('refuses %s with the file and line', (_, text, message) => {
    expect(() => parseRules(text, 'r.yaml')).toThrow(RulesError);
    expect(() => parseRules(text, 'r.yaml')).toThrow(message);
  });
});

describe('fine amounts', () => {
  it('double on each repeat, up to the cap', () => {
    const rule = { amount: 5000, repeat: 'double' as const, max: 20000 };
    expect([1, 2, 3, 4, 5].map((n) => fineAmount(rule, n))).toEqual([5000, 10000, 20000, 20000, 20000]);
  });

  it('stay the same when the rule says so', () => {
    expect([1, 2, 3].map((n) => fineAmount({ amount: 5000, repeat: 'same' }, n))).toEqual([5000, 5000, 5000]);
  });

  it('never overflow on a long streak', () => {
    expect(fineAmount({ amount: 5000, repeat: 'double' }, 500)).toBe(10_000_000);
  });

  it('are written ₩5,000', () => {
    expect(formatWon(5000)).toBe('₩5,000');
    expect(formatWon(1234567)).toBe('₩1,234,567');
    expect(formatWon(0)).toBe('₩0');
    expect(formatWon(-5000)).toBe('-₩5,000');
  });
});
