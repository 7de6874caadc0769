/**
 * The group's fine ledger over a simulated month (real SQLite, the real dispatcher): late notes (doubling on
 * repeat, up to the cap), absence, excuses asked before the deadline, payments by the treasurer, idempotent
 * assessment, and nothing at all while the rules are off (the default).
 */
import { afterEach, describe, expect, it } from 'vitest';
import { encodeCustomId } from '../../src/commands/customId.js';
import { translator } from '../../src/i18n/index.js';
import { formatWon } from '../../src/meeting/rules.js';
import {
  ADMIN,
  buttonIds,
  DAEUN,
  GAYOUNG,
  groupEnv,
  kst,
  MARU,
  meetingStart,
  NARAE,
  notesOf,
  RAHEE,
  RULES_OFF,
  RULES_ON,
  textOf,
  type GroupEnv,
} from './support.js';

const ko = translator('ko');
const HOUR = 3_600_000;
let env: GroupEnv | undefined;
afterEach(() => env?.cleanup());

/** 라희 never writes on time; everyone else always does. */
const ON_TIME = { 가영: [1, 2, 3, 4], 나래: [1, 2, 3, 4], 다은: [1, 2, 3, 4], 마루: [1, 2, 3, 4] };

type Charge = { user_id: string; kind: string; nth: number; amount: number; meeting_id: number };
const charges = (e: GroupEnv) =>
  e.services.db
    .prepare('SELECT user_id, kind, nth, amount, meeting_id FROM fine_charges ORDER BY id')
    .all() as Charge[];

async function attendAll(e: GroupEnv, week: number, except: string[] = []) {
  e.clock.set(meetingStart(week) + HOUR / 2);
  const id = e.meetings[week - 1]!.id;
  for (const m of [GAYOUNG, NARAE, DAEUN, RAHEE, MARU]) {
    if (except.includes(m.name)) continue;
    await e.click(encodeCustomId('meeting.attend', id), m);
  }
}

describe('fines (rules on)', () => {
  it('fines late notes once the deadline passes, doubling on each repeat up to the cap', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf(ON_TIME) });
    for (let week = 1; week <= 4; week++) {
      await attendAll(env, week);
      env.clock.set(meetingStart(week) + 4 * HOUR);
      await env.run('fines', 'show');
    }
    const late = charges(env).filter((c) => c.kind === 'late_notes');
    expect(late.map((c) => [c.user_id, c.nth, c.amount])).toEqual([
      [RAHEE.id, 1, 5000],
      [RAHEE.id, 2, 10000],
      [RAHEE.id, 3, 20000],
      [RAHEE.id, 4, 20000],
    ]);
    expect(charges(env).filter((c) => c.kind === 'absence')).toEqual([]);
    const ledger = await env.run('fines', 'show');
    expect(textOf(ledger)).toContain(
      ko('meeting.fines.row', { name: '라희', owed: '₩55,000', paid: '₩0', balance: '₩55,000' }),
    );
    expect(textOf(ledger)).toContain(
      ko('meeting.fines.charge', {
        week: 2,
        kind: ko('meeting.fines.kind.late_notes'),
        nth: ko('meeting.fines.nth', { n: 2 }),
        amount: '₩10,000',
      }),
    );
  });

  it('judges notes at the deadline: notes pushed later do not undo the fine, and nothing is fined before it', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf(ON_TIME) });
    env.clock.set(meetingStart(1) - 22 * HOUR); // Monday 22:00, before the 23:59 deadline
    await env.run('fines', 'show');
    expect(charges(env)).toEqual([]);
    env.clock.set(meetingStart(1) - 12 * HOUR); // Tuesday 08:00, after the deadline
    await env.run('fines', 'show');
    expect(charges(env).map((c) => c.user_id)).toEqual([RAHEE.id]);
    env.setNotes(notesOf({ ...ON_TIME, 라희: [1] }));
    await env.run('fines', 'show');
    expect(charges(env)).toHaveLength(1);
  });

  it('fines absence after the meeting, not for those who pressed 참석', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf({ ...ON_TIME, 라희: [1] }) });
    await attendAll(env, 1, ['다은']);
    env.clock.set(meetingStart(1) + 2 * HOUR); // still in progress
    await env.run('fines', 'show');
    expect(charges(env)).toEqual([]);
    env.clock.set(meetingStart(1) + 3 * HOUR);
    await env.run('fines', 'show');
    expect(charges(env).map((c) => [c.user_id, c.kind, c.amount])).toEqual([[DAEUN.id, 'absence', 5000]]);
  });

  it('fines no absence for a meeting where nobody pressed 참석 (attendance was not taken)', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf({ ...ON_TIME, 라희: [1] }) });
    env.clock.set(meetingStart(1) + 4 * HOUR);
    await env.run('fines', 'show');
    expect(charges(env)).toEqual([]);
    expect(
      env.services.db.prepare("SELECT count(*) AS n FROM fine_assessments WHERE phase = 'attendance'").get(),
    ).toEqual({
      n: 1,
    });
  });

  it('excuses a member who asked before the deadline, and only then', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf({ 가영: [1, 2], 나래: [1, 2], 다은: [1, 2] }) });
    // 라희 asks the day before week 1's deadline; 마루 asks after it.
    env.clock.set(kst(2026, 11, 30, 12));
    const early = await env.run('fines', 'excuse', { reason: '출장' }, RAHEE);
    expect(early.content).toBe(ko('meeting.fines.excused', { week: 1 }));
    env.clock.set(kst(2026, 12, 1, 9));
    const late = await env.run('fines', 'excuse', { reason: '늦잠' }, MARU);
    expect(late.content).toBe(ko('meeting.fines.excuseLate', { week: 1 }));
    await attendAll(env, 1, ['라희', '마루']);
    env.clock.set(meetingStart(1) + 4 * HOUR);
    await env.run('fines', 'show');
    // 라희: no notes and absent, but excused → nothing. 마루: no notes and absent, excuse too late → both.
    expect(charges(env).map((c) => [c.user_id, c.kind])).toEqual([
      [MARU.id, 'late_notes'],
      [MARU.id, 'absence'],
    ]);
  });

  it('assesses each meeting once: reading the ledger again writes nothing', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf(ON_TIME) });
    env.clock.set(meetingStart(2) + 4 * HOUR);
    await env.run('fines', 'show');
    const first = charges(env);
    expect(first.length).toBeGreaterThan(0);
    await env.run('fines', 'show');
    await env.run('fines', 'show');
    expect(charges(env)).toEqual(first);
    const phases = env.services.db.prepare('SELECT count(*) AS n FROM fine_assessments').get();
    expect(phases).toEqual({ n: 4 }); // two meetings × (notes, attendance)
  });

  it('lets the treasurer (or an admin) record payments; the ledger shows owed, paid and balance', async () => {
    env = groupEnv({ rules: RULES_ON, notes: notesOf(ON_TIME) });
    await attendAll(env, 1);
    env.clock.set(meetingStart(1) + 4 * HOUR);
    const payment = { user: { id: RAHEE.id, name: RAHEE.name }, amount: 3000 };
    expect((await env.run('fines', 'paid', payment, NARAE)).content).toBe(ko('meeting.error.notTreasurer'));
    expect((await env.run('fines', 'treasurer', { user: { id: NARAE.id, name: NARAE.name } }, DAEUN)).content).toBe(
      ko('error.adminOnly'),
    );
    const set = await env.run('fines', 'treasurer', { user: { id: NARAE.id, name: NARAE.name } }, ADMIN, true);
    expect(set.content).toBe(ko('meeting.fines.treasurerSet', { name: NARAE.name }));
    const paid = await env.run('fines', 'paid', payment, NARAE);
    expect(paid.content).toBe(ko('meeting.fines.paidOk', { name: RAHEE.name, amount: '₩3,000', balance: '₩2,000' }));
    await env.run('fines', 'paid', { ...payment, amount: 2000 }, ADMIN, true);
    const ledger = await env.run('fines', 'show');
    expect(textOf(ledger)).toContain(
      ko('meeting.fines.row', { name: '라희', owed: '₩5,000', paid: formatWon(5000), balance: '₩0' }),
    );
    expect(ledger.embeds?.[0]?.footer).toBe(ko('meeting.fines.footer', { treasurer: NARAE.name }));
  });

  it('takes the treasurer from the rules file when admins set none', async () => {
    const rules = { ...RULES_ON, treasurer: DAEUN.id };
    env = groupEnv({ rules, notes: notesOf(ON_TIME) });
    env.clock.set(meetingStart(1) + 4 * HOUR);
    const paid = await env.run('fines', 'paid', { user: { id: RAHEE.id, name: RAHEE.name }, amount: 5000 }, DAEUN);
    expect(paid.content).toContain('₩5,000');
  });
});

describe('fines (rules off, the default)', () => {
  it('assess nothing, refuse /fines and excuses, and the pack has no 참석 button', async () => {
    env = groupEnv({ rules: RULES_OFF, notes: notesOf({}) });
    env.clock.set(meetingStart(1) - 2 * HOUR);
    const pack = await env.run('meeting', 'pack');
    expect(buttonIds(pack)).toEqual([encodeCustomId('meeting.quiz', env.meetings[0]!.id)]);
    env.clock.set(meetingStart(3) + 4 * HOUR);
    for (const sub of ['show', 'excuse'] as const) {
      expect((await env.run('fines', sub)).content).toBe(ko('meeting.error.rulesOff'));
    }
    const click = await env.click(encodeCustomId('meeting.attend', env.meetings[2]!.id));
    expect(click.content).toBe(ko('meeting.error.rulesOff'));
    expect(charges(env)).toEqual([]);
    expect(env.services.db.prepare('SELECT count(*) AS n FROM fine_assessments').get()).toEqual({ n: 0 });
  });
});
