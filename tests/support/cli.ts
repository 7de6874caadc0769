/** Runs the scriptable CLI in-process (the same `runCli` as `npm run cli`) and captures what it prints. */
import { PassThrough, Readable } from 'node:stream';
import { runCli } from '../../src/cli/run.js';

export async function runCliCaptured(args: string[], stdin = ''): Promise<{ code: number; out: string; err: string }> {
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  let out = '';
  let err = '';
  stdout.on('data', (d: Buffer) => (out += d.toString()));
  stderr.on('data', (d: Buffer) => (err += d.toString()));
  const code = await runCli(args, { stdin: Readable.from([stdin]), stdout, stderr });
  return { code, out, err };
}
