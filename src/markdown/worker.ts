/**
 * The markdown parser's thread (see pool.ts). It parses one document per message and answers with plain data,
 * so a document built to be slow or huge costs this thread (which the pool can terminate) and never the bot's.
 */
import { parentPort } from 'node:worker_threads';
import { parseNotes } from '../notes/parse.js';
import type { ParseRequest, ParseResponse } from './pool.js';
import { messageOf } from '../core/errors.js';

// The template parser (mdast and micromark, ~80 ms to load) is imported on the first upload, not at start: a
// thread started to load the notes is parsing them that much sooner.
let templates: Promise<typeof import('../study/template-parse.js')> | null = null;

async function run(request: ParseRequest): Promise<ParseResponse> {
  try {
    if (request.kind === 'notes') {
      const { file, text, dir, recordHeadings } = request;
      return { id: request.id, ok: true, value: parseNotes(file, text, { dir, recordHeadings }) };
    }
    const { parseTemplate } = await (templates ??= import('../study/template-parse.js'));
    return { id: request.id, ok: true, value: parseTemplate(request.text) };
  } catch (error) {
    return { id: request.id, ok: false, error: messageOf(error) };
  }
}

// Answers go back in the order the jobs came (the pool keeps two in flight and times the first): a job waits for the
// one before it, so a notes file sent behind a template never overtakes it while the template parser is imported.
let last: Promise<void> = Promise.resolve();
parentPort?.on('message', (request: ParseRequest) => {
  last = last.then(() => run(request)).then((answer) => parentPort?.postMessage(answer));
});
