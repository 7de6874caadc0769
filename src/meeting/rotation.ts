/**
 * Fair presenter rotation, pure: among the members with notes for the week, the one who presented least recently
 * (never presented comes first), never the previous meeting's presenter; a tie is broken by a seeded PRNG
 * (src/quiz/prng.ts) over the tied names in a fixed order, so anyone with the seed and the same candidates gets the
 * same pick.
 */
import { createRng } from '../quiz/prng.js';

export interface Person {
  userId: string | null;
  name: string;
}

/** A meeting before the one being picked for, with who presented (meetings without a presenter are left out). */
export interface PastTurn {
  presenter: Person;
  startsAt: number;
  seq: number;
}

export interface RankedCandidate extends Person {
  /** The week number (seq) of their latest turn before this meeting, or null when they never presented. */
  lastSeq: number | null;
  lastAt: number | null;
  /** Left out because they presented at the previous meeting. */
  excluded: boolean;
}

export type PickOutcome =
  | {
      ok: true;
      presenter: Person;
      candidates: RankedCandidate[];
      /** The eligible candidates who shared the least recent turn (the PRNG chose among them). */
      tied: Person[];
      seed: string;
    }
  | { ok: false; reason: 'noCandidates' | 'onlyPrevious'; candidates: RankedCandidate[]; seed: string };

/** Two people are the same member when both have a Discord id and it matches, else when their names match. */
export function samePerson(a: Person, b: Person): boolean {
  if (a.userId !== null && b.userId !== null) return a.userId === b.userId;
  return a.name.normalize('NFC').trim().toLowerCase() === b.name.normalize('NFC').trim().toLowerCase();
}

/** Fixed order for the tie-break: by name (code points, so it does not depend on the machine's locale), then id. */
const order = (a: Person, b: Person) =>
  a.name < b.name ? -1 : a.name > b.name ? 1 : (a.userId ?? '') < (b.userId ?? '') ? -1 : 1;

export function pickPresenter(input: {
  candidates: readonly Person[];
  history: readonly PastTurn[];
  previous: Person | null;
  seed: string;
}): PickOutcome {
  const { seed } = input;
  const unique: Person[] = [];
  for (const c of input.candidates) if (!unique.some((u) => samePerson(u, c))) unique.push(c);
  const ranked: RankedCandidate[] = unique.map((c) => {
    const last = input.history
      .filter((h) => samePerson(h.presenter, c))
      .reduce<PastTurn | null>((best, h) => (best === null || h.startsAt > best.startsAt ? h : best), null);
    return {
      userId: c.userId,
      name: c.name,
      lastSeq: last?.seq ?? null,
      lastAt: last?.startsAt ?? null,
      excluded: input.previous !== null && samePerson(input.previous, c),
    };
  });
  ranked.sort((a, b) => (a.lastAt ?? -Infinity) - (b.lastAt ?? -Infinity) || order(a, b));
  if (ranked.length === 0) return { ok: false, reason: 'noCandidates', candidates: ranked, seed };
  const eligible = ranked.filter((c) => !c.excluded);
  if (eligible.length === 0) return { ok: false, reason: 'onlyPrevious', candidates: ranked, seed };
  const oldest = eligible[0]?.lastAt ?? null;
  const tied = eligible.filter((c) => c.lastAt === oldest).sort(order);
  const chosen = tied[createRng(seed).int(tied.length)] ?? tied[0];
  if (!chosen) return { ok: false, reason: 'noCandidates', candidates: ranked, seed };
  const person = (p: Person): Person => ({ userId: p.userId, name: p.name });
  return { ok: true, presenter: person(chosen), candidates: ranked, tied: tied.map(person), seed };
}
