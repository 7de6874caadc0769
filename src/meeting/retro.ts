/**
 * The retrospective a group keeps after a meeting, as markdown in the study template's style (src/study/template.ts:
 * an emoji `#` title, a quoted header line, emoji `##` sections, `- [x]` task items, `Chapter N:` prefixes, star
 * bars). Like the template, its headings are the file format and stay Korean whatever the member's locale.
 */
import type { Meeting } from '../group/schedule.js';
import { memberNames } from '../study/store.js';
import { oneLine, starBar } from '../study/template.js';
import { dayOf } from '../study/time.js';
import { wallTime } from '../group/time.js';
import { bookRowKeys } from '../group/week.js';
import { assessFines, attendanceOf, chaptersOf, excusesOf, meetingPack, type MeetingDeps } from './service.js';
import { formatWon } from './rules.js';
import { sql, type ChargeRow, type OpenQuestionRow } from './store.js';

export const RETRO = {
  title: '# 📚 스터디 회고',
  info: '## 📅 모임 정보',
  attendance: '## 🙋 참석',
  notes: '## 📝 노트',
  discussed: '## 💬 이야기한 질문',
  open: '## ❓ 아직 열린 질문',
  misses: '## 🔍 노트에서 찾지 못한 질문',
  hard: '## 🤔 어려웠던 부분',
  fines: '## 💸 벌금',
} as const;

const ch = (n: number) => `Chapter ${n}`;
const WEEKDAYS = ['일', '월', '화', '수', '목', '금', '토'];

/** `2026-12-08 (화) 20:00` in the group's timezone. */
export function koreanDateTime(ms: number, timeZone: string): string {
  const w = wallTime(ms, timeZone);
  const weekday = WEEKDAYS[new Date(`${w.day}T00:00:00Z`).getUTCDay()] ?? '';
  return `${w.day} (${weekday}) ${w.time}`;
}

/** Where the file goes in the group's repository: `회고/<date>-<week>주차.md`. */
export function retroPath(meeting: Meeting, timeZone: string): string {
  return `회고/${dayOf(meeting.startsAt, timeZone)}-${meeting.seq}주차.md`;
}

export function renderRetro(deps: MeetingDeps, guildId: string, meeting: Meeting): string {
  const tz = deps.groupTimeZone;
  const pack = meetingPack(deps, guildId, meeting);
  const names = memberNames(deps.db, guildId);
  const nameOf = (userId: string) => names.get(userId) ?? pack.members.find((m) => m.userId === userId)?.name ?? userId;
  const chapters = chaptersOf(deps, meeting);
  const chapterList = chapters.map((c) => (c.title ? `${ch(c.number)}: ${c.title}` : ch(c.number))).join(', ');
  const out: string[] = [
    RETRO.title,
    '',
    `> ${oneLine(`${(deps.bookOf?.(meeting.book) ?? deps.book).title} · ${meeting.seq}주차 · ${chapterList}`)}`,
    '',
  ];

  out.push(RETRO.info);
  out.push(`- **날짜**: ${koreanDateTime(meeting.startsAt, tz)}`);
  if (meeting.place) out.push(`- **장소**: ${oneLine(meeting.place)}`);
  out.push(`- **발표자**: ${meeting.presenter ? oneLine(meeting.presenter.name) : '없음'}`);
  out.push(`- **범위**: ${chapterList || '없음'}`);
  out.push(`- **노트 마감**: ${koreanDateTime(meeting.deadlineAt, tz)}`, '');

  out.push(RETRO.attendance);
  if (!deps.rules.attendance) {
    out.push('- 출석을 기록하지 않았어요 (`data/rules.yaml`의 `attendance`)');
  } else {
    const present = attendanceOf(deps, guildId, meeting);
    const excused = new Map(excusesOf(deps, guildId, meeting).map((e) => [e.userId, e]));
    const seen = new Set<string>();
    for (const a of present) {
      seen.add(a.userId);
      out.push(`- [x] ${oneLine(nameOf(a.userId))}`);
    }
    for (const m of pack.members) {
      if (m.userId === null || seen.has(m.userId)) continue;
      seen.add(m.userId);
      const e = excused.get(m.userId);
      const why = e ? ` (사정: ${oneLine(e.reason ?? '미리 알림')})` : ' (불참)';
      out.push(`- [ ] ${oneLine(m.name)}${why}`);
    }
    out.push(`- **참석**: ${present.length}명`);
  }
  out.push('');

  out.push(RETRO.notes);
  for (const m of pack.members) {
    const wrote = m.notes > 0 ? `${m.notes}개` : m.imported ? '템플릿' : null;
    out.push(wrote ? `- [x] ${oneLine(m.name)}: ${wrote}` : `- [ ] ${oneLine(m.name)}: 없음`);
  }
  if (pack.members.length === 0) out.push('- 없음');
  out.push('');

  const keys = JSON.stringify(bookRowKeys(deps.db, guildId, meeting.book));
  const all = sql(deps.db).questionsFor.all(guildId, keys, JSON.stringify(meeting.chapters)) as OpenQuestionRow[];
  const line = (q: OpenQuestionRow, done: boolean) =>
    `- [${done ? 'x' : ' '}] ${ch(q.chapter)}: ${oneLine(q.text)} — ${oneLine(nameOf(q.userId))}`;
  out.push(RETRO.discussed);
  const discussed = all.filter((q) => q.doneAt !== null);
  for (const q of discussed) out.push(line(q, true));
  if (discussed.length === 0) out.push('- 없음');
  out.push('', RETRO.open);
  const open = all.filter((q) => q.doneAt === null);
  for (const q of open) out.push(line(q, false));
  if (open.length === 0) out.push('- 없음');
  out.push('', RETRO.misses);
  for (const g of pack.misses.gaps) out.push(`- ${oneLine(g.question)} (${g.count}번)`);
  if (pack.misses.gaps.length === 0) out.push('- 없음');
  out.push('', RETRO.hard);
  for (const c of pack.chaptersByRating) {
    if (c.mean === null) continue;
    const stars = Math.round(c.mean);
    out.push(`- ${ch(c.chapter.number)}: ${starBar(stars)} (평균 ${c.mean.toFixed(1)}/5, ${c.ratings}명)`);
    for (const h of c.hardParts) out.push(`  - ${oneLine(h.text)} — ${oneLine(nameOf(h.userId))}`);
  }
  for (const s of pack.sections) {
    out.push(`- 자주 틀린 부분: ${oneLine(s.section.path.join(' › '))} (${s.lapses}번, ${s.members}명)`);
  }
  if (pack.chaptersByRating.every((c) => c.mean === null) && pack.sections.length === 0) out.push('- 없음');
  out.push('');

  if (deps.rules.enabled) {
    // The retrospective comes after the meeting: it assesses what is due (idempotent, as /fines does).
    assessFines(deps, guildId);
    const charges = (sql(deps.db).charges.all(guildId) as ChargeRow[]).filter((c) => c.meetingId === meeting.id);
    out.push(RETRO.fines);
    for (const c of charges) {
      const kind = c.kind === 'late_notes' ? '노트 늦음' : '불참';
      out.push(`- ${oneLine(nameOf(c.userId))}: ${kind}${c.nth > 1 ? ` (${c.nth}번째)` : ''} ${formatWon(c.amount)}`);
    }
    if (charges.length === 0) out.push('- 없음');
    out.push('');
  }
  return out.join('\n');
}
