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

// One job at a time (the pool sends the next after this answer), so an awaited import never reorders answers.
parentPort?.on(
  'message',
  (request: ParseRequest) => void run(request).then((answer) => parentPort?.postMessage(answer)),
);
