/**
 * Discord timestamps (`<t:…:F>`), which Discord and the console (src/cli/markup.ts) show in the reader's own time
 * zone and language. One place for the bot's replies and the group's reminder posts.
 */

export type StampStyle = 'F' | 'f' | 'D' | 'R';

/** An instant (ms) as a Discord timestamp in `style`: F full date and time, f short, D date, R relative. */
export const stamp = (ms: number, style: StampStyle = 'F'): string => `<t:${Math.floor(ms / 1000)}:${style}>`;

/** An instant as its full date and time and how far off it is: `<t:…:F> (<t:…:R>)`. */
export const discordTime = (ms: number): string => `${stamp(ms, 'F')} (${stamp(ms, 'R')})`;
