import type { CliOutput } from '../../src/cli/context.js';

/** What a `vigie` command run in-process wrote, for a test to read back. */
export function captureOutput(): CliOutput & { stdout: string; stderr: string } {
  const io = {
    stdout: '',
    stderr: '',
    out: (chunk: string | Buffer) => void (io.stdout += chunk.toString()),
    err: (text: string) => void (io.stderr += text),
  };
  return io;
}
