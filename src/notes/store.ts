import type { NotesIndex } from './types.js';

/** Holds the current index; a reload builds a new one off to the side and swaps it in whole. */
export interface NotesStore {
  readonly index: NotesIndex;
}

export function staticNotesStore(index: NotesIndex): NotesStore {
  return { index };
}
