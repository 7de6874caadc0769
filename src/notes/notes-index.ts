/** Assembles parsed sections into the NotesIndex the commands use: search, autocomplete, related. */
import { Autocomplete } from './autocomplete.js';
import { SearchEngine } from './search.js';
import type { NotesIndex, Section } from './types.js';

/** Concept sections with notes in them: the only ones worth offering as "related". */
function answerable(section: Section | undefined): section is Section {
  return section !== undefined && section.kind === 'concept' && !section.empty;
}

export function createNotesIndex(dir: string, sections: readonly Section[], warnings: readonly string[]): NotesIndex {
  const byId = new Map(sections.map((s) => [s.id, s]));
  const order = new Map(sections.map((s, i) => [s.id, i]));
  // Each file's sections and top-level sections, so `related` reads one file, not every section of every file.
  const byFile = new Map<string, Section[]>();
  const rootsByFile = new Map<string, Section[]>();
  for (const s of sections) {
    let inFile = byFile.get(s.file);
    if (!inFile) byFile.set(s.file, (inFile = []));
    inFile.push(s);
    if (s.parent === null) {
      let roots = rootsByFile.get(s.file);
      if (!roots) rootsByFile.set(s.file, (roots = []));
      roots.push(s);
    }
  }
  const engine = new SearchEngine(sections);
  // Built on the first keystroke, not with the index: a reload is ready to answer sooner (about 50 ms of a 1 MB
  // cold index), and a console or CLI run that never completes never builds it.
  let autocomplete: Autocomplete | null = null;

  /** Siblings nearest first, then the parent, then children, then the sections just before and after in the file. */
  function related(id: string, limit = 3): Section[] {
    const section = byId.get(id);
    if (!section) return [];
    const at = order.get(id) ?? 0;
    const byDistance = (a: Section, b: Section) =>
      Math.abs((order.get(a.id) ?? 0) - at) - Math.abs((order.get(b.id) ?? 0) - at);
    const siblings = (
      section.parent === null
        ? (rootsByFile.get(section.file) ?? [])
        : (byId.get(section.parent)?.children ?? []).map((child) => byId.get(child))
    )
      .filter(answerable)
      .sort(byDistance);
    const parent = section.parent === null ? [] : [byId.get(section.parent)];
    const children = section.children.map((child) => byId.get(child));
    const neighbours = [...(byFile.get(section.file) ?? [])].sort(byDistance);

    const picked = new Map<string, Section>();
    for (const candidate of [...siblings, ...parent, ...children, ...neighbours]) {
      if (picked.size >= Math.max(0, limit)) break;
      if (answerable(candidate) && candidate.id !== id) picked.set(candidate.id, candidate);
    }
    return [...picked.values()];
  }

  return {
    dir,
    sections,
    warnings,
    get: (id) => byId.get(id),
    search: (query, options) => engine.search(query, options),
    explain: (query) => engine.explain(query),
    autocomplete: (input, limit) => (autocomplete ??= new Autocomplete(sections)).complete(input, limit),
    related,
  };
}
