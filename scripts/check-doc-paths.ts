/**
 * Docs that name a file name one that exists. Every path written in backticks in `docs/`, the
 * README and the module READMEs (`src/modules/<module>/README.md`) must exist in the repository,
 * so a renamed or deleted file cannot stay quoted. Run by `npm test` (scripts/test-all.sh).
 *
 * What counts as a path: a backticked word with a file extension or a slash, without spaces,
 * wildcards or placeholders (`*.test.ts`, `<timestamp>_<name>.ts` and routes such as `/demandes`
 * are not files). A path is looked up from the repository root, then from the document's folder;
 * a bare file name (`requests.service.ts`) may be anywhere in the repository. Files the app
 * creates at run time (the database, backups…) are listed in RUNTIME below.
 */
import { execFileSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';

const root = path.resolve(import.meta.dirname, '..');

/** Paths the docs name that exist only once the app runs or is built, never in the repository. */
const RUNTIME = [
  /^(\.\.\/)*shared\//, // the shared specs beside the clone, not in the repository
  /^data\//,
  /^dist\//,
  /^node_modules\//,
  /^\.tmp\//,
  /^\.env$/,
  /^\/(tmp|etc|usr|var|srv|opt|home)\//,
];

const EXTENSIONS =
  /\.(ts|tsx|js|mjs|cjs|json|jsonl|md|sh|css|yaml|yml|csv|xlsx|svg|png|sql|pdf|docx|txt|html|db|example)$/;

function trackedFiles(): string[] {
  return execFileSync('git', ['ls-files', '--cached', '--others', '--exclude-standard'], {
    cwd: root,
    encoding: 'utf8',
  })
    .split('\n')
    .filter(Boolean);
}

export function candidatePaths(markdown: string, topFolders: Set<string>): string[] {
  const found: string[] = [];
  // Fenced blocks show trees and commands, not references: leave them out.
  const prose = markdown.replace(/^```[\s\S]*?^```/gm, '');
  for (const match of prose.matchAll(/`([^`\n]+)`/g)) {
    const span = (match[1] ?? '').trim().replace(/[:,;.]$/, '');
    if (/[\s*<>{}…|$=()[\]'"]/.test(span) || span.includes('://')) continue;
    if (span.startsWith('-') || span.startsWith('@')) continue;
    const p = span.replace(/^\.\//, '');
    if (/^\.[a-z]+$/.test(p) || /^[A-Z_]+\//.test(p)) continue; // an extension alone, an environment variable
    // A slash alone does not make a path (`multipart/form-data`, `JJ/MM/AAAA`): it must start in a folder of the repository.
    const looksLikeFile = EXTENSIONS.test(p) || topFolders.has(p.split('/')[0] ?? '');
    if (!looksLikeFile) continue;
    if (p.startsWith('/') && !RUNTIME.some((r) => r.test(p))) continue; // a route or URL path
    found.push(p);
  }
  return found;
}

function main(): void {
  const files = trackedFiles();
  const topFolders = new Set(files.filter((f) => f.includes('/')).map((f) => f.slice(0, f.indexOf('/'))));
  const byBase = new Set(files.map((f) => path.posix.basename(f)));
  const folders = new Set(
    files.flatMap((f) =>
      f
        .split('/')
        .slice(0, -1)
        .map((_, i, a) => a.slice(0, i + 1).join('/')),
    ),
  );
  const docs = files.filter(
    (f) =>
      (f.startsWith('docs/') && f.endsWith('.md')) || f === 'README.md' || /^src\/modules\/[^/]+\/README\.md$/.test(f),
  );
  const problems: string[] = [];
  for (const doc of docs) {
    const dir = path.posix.dirname(doc);
    for (const p of candidatePaths(readFileSync(path.join(root, doc), 'utf8'), topFolders)) {
      if (RUNTIME.some((r) => r.test(p))) continue;
      const bare = p.replace(/\/$/, '');
      const exists =
        existsSync(path.join(root, bare)) ||
        existsSync(path.join(root, dir, bare)) ||
        folders.has(bare) ||
        (!bare.includes('/') && byBase.has(bare));
      if (!exists) problems.push(`${doc}: \`${p}\` does not exist`);
    }
  }
  if (problems.length > 0) {
    console.error('Files named in the docs that are not in the repository:');
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log(`Doc paths: ${docs.length} documents checked, every quoted file exists.`);
}

main();
