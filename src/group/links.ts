/**
 * Which notes author a Discord member is (`/link`, group_links in migration 006). One author per member and one
 * member per author in a guild: linking an author another member had moves it (an admin fixing a mix-up).
 */
import type { Db } from '../core/context.js';

/** The notes author name a Discord member linked with /link, or null. */
export function linkedAuthor(db: Db, guildId: string, userId: string): string | null {
  const row = db.prepare('SELECT author FROM group_links WHERE guild_id = ? AND user_id = ?').get(guildId, userId) as
    { author: string } | undefined;
  return row?.author ?? null;
}

/** The Discord member linked to a notes author (userId), or null. */
export function linkedMember(db: Db, guildId: string, author: string): string | null {
  const row = db
    .prepare('SELECT user_id AS userId FROM group_links WHERE guild_id = ? AND author = ?')
    .get(guildId, normalizeAuthor(author)) as { userId: string } | undefined;
  return row?.userId ?? null;
}

/** Every link of a guild: author → userId. */
export function allLinks(db: Db, guildId: string): Map<string, string> {
  const rows = db.prepare('SELECT author, user_id AS userId FROM group_links WHERE guild_id = ?').all(guildId) as {
    author: string;
    userId: string;
  }[];
  return new Map(rows.map((r) => [r.author, r.userId]));
}

/** Author names compare as written in the notes, NFC (a folder name from macOS arrives NFD). */
export function normalizeAuthor(author: string): string {
  return author.normalize('NFC').trim();
}

/**
 * Links `userId` to `author` (replacing the member's earlier link, and taking the author from whoever had it).
 * Returns the member the author was taken from, if any.
 */
export function setLink(
  db: Db,
  guildId: string,
  userId: string,
  author: string,
  by: string,
  now: number,
): { takenFrom: string | null } {
  const name = normalizeAuthor(author);
  return db.transaction(() => {
    const previous = linkedMember(db, guildId, name);
    db.prepare('DELETE FROM group_links WHERE guild_id = ? AND (author = ? OR user_id = ?)').run(guildId, name, userId);
    db.prepare('INSERT INTO group_links (guild_id, user_id, author, linked_by, linked_at) VALUES (?, ?, ?, ?, ?)').run(
      guildId,
      userId,
      name,
      by,
      now,
    );
    return { takenFrom: previous && previous !== userId ? previous : null };
  })();
}

export function removeLink(db: Db, guildId: string, userId: string): boolean {
  return db.prepare('DELETE FROM group_links WHERE guild_id = ? AND user_id = ?').run(guildId, userId).changes > 0;
}
