/**
 * Files stay short (docs/architecture.md, « File roles »). Run by `npm test` (scripts/test-all.sh).
 *
 * Every `.ts` or `.tsx` file of `src/`, `tests/` and `scripts/` longer than 300 lines opens with a
 * comment (its first non-empty lines, after a `#!` line if any) saying why it is long and, when it
 * can be split, where. A file without one fails: split it by use case, or write why not.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');
const MAX_LINES = 300;
const FOLDERS = ['src', 'tests', 'scripts'];

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'node_modules' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** Whether the file's first non-empty line (after a `#!` line) opens a comment. */
function opensWithComment(text: string): boolean {
  const lines = text.split('\n').filter((line) => line.trim() !== '');
  const first = lines[0]?.startsWith('#!') ? lines[1] : lines[0];
  return /^\s*(\/\/|\/\*)/.test(first ?? '');
}

function main(): void {
  const problems: string[] = [];
  for (const folder of FOLDERS) {
    for (const file of sourceFiles(path.join(root, folder))) {
      const text = readFileSync(file, 'utf8');
      const lines = text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
      if (lines > MAX_LINES && !opensWithComment(text)) {
        problems.push(`${path.relative(root, file).split(path.sep).join('/')} (${lines} lines)`);
      }
    }
  }
  if (problems.length > 0) {
    console.error(`Files over ${MAX_LINES} lines must open with a comment saying why (or be split by use case):`);
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`File length: every file over ${MAX_LINES} lines says at its top why.`);
}

main();
