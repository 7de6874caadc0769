/**
 * The markdown parser's thread (see pool.ts). It parses one document per message and answers with plain data,
 * so a document built to be slow or huge costs this thread (which the pool can terminate) and never the bot's.
 */
import { parentPort } from 'node:worker_threads';
import { parseNotes } from '../notes/parse.js';
import { parseTemplate } from '../study/template-parse.js';
import type { ParseRequest, ParseResponse } from './pool.js';

function run(request: ParseRequest): ParseResponse {
  try {
    if (request.kind === 'notes') {
      const { file, text, dir, recordHeadings } = request;
      return { id: request.id, ok: true, value: parseNotes(file, text, { dir, recordHeadings }) };
    }
    return { id: request.id, ok: true, value: parseTemplate(request.text) };
  } catch (error) {
    return { id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) };
  }
}

parentPort?.on('message', (request: ParseRequest) => parentPort?.postMessage(run(request)));
