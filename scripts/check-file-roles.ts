/**
 * File roles by name (docs/architecture.md, « File roles »). Run by `npm test` (scripts/test-all.sh).
 *
 * A file of `src/` outside `src/db/` that reads or writes the database — a Kysely call of
 * `selectFrom`, `insertInto`, `updateTable`, `deleteFrom`, `replaceInto` or `mergeInto` — is a
 * `*.service.ts` (use cases, transactions) or a `*.queries.ts` (SQL). Test files (`*.test.ts`)
 * arrange their own data and are left out. The calls are found in the syntax tree, so a comment or
 * a string naming them does not count.
 */
import { readFileSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import ts from 'typescript';

const root = path.resolve(import.meta.dirname, '..');
const DB_CALLS = new Set(['selectFrom', 'insertInto', 'updateTable', 'deleteFrom', 'replaceInto', 'mergeInto']);
const ROLE = /\.(service|queries)\.ts$/;

/** Files allowed to query without the suffix. Empty is the rule; an entry is a debt with its reason. */
const TEMPORARY_EXCEPTIONS = new Set<string>([]);

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const full = path.join(dir, name);
    if (statSync(full).isDirectory()) return name === 'assets' ? [] : sourceFiles(full);
    return /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name) && !name.endsWith('.d.ts') ? [full] : [];
  });
}

/** The database calls a file makes (`db.selectFrom(…)`, `trx.insertInto(…)`…), by name. */
function databaseCalls(file: string): string[] {
  const source = ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true);
  const found = new Set<string>();
  const visit = (node: ts.Node): void => {
    if (
      ts.isCallExpression(node) &&
      ts.isPropertyAccessExpression(node.expression) &&
      DB_CALLS.has(node.expression.name.text)
    ) {
      found.add(node.expression.name.text);
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return [...found].sort();
}

function main(): void {
  const problems: string[] = [];
  for (const file of sourceFiles(path.join(root, 'src'))) {
    const rel = path.relative(root, file).split(path.sep).join('/');
    if (rel.startsWith('src/db/') || ROLE.test(rel)) continue;
    const calls = databaseCalls(file);
    if (calls.length === 0) {
      if (TEMPORARY_EXCEPTIONS.has(rel))
        problems.push(`${rel}: listed as an exception but no longer queries: remove it`);
      continue;
    }
    if (TEMPORARY_EXCEPTIONS.has(rel)) continue;
    problems.push(`${rel}: calls ${calls.join(', ')}; name it *.service.ts or *.queries.ts, or move the SQL there`);
  }
  if (problems.length > 0) {
    console.error('Files that touch the database must be *.service.ts or *.queries.ts (docs/architecture.md):');
    for (const p of problems) console.error(`  ${p}`);
    process.exit(1);
  }
  console.log('File roles: only *.service.ts, *.queries.ts and src/db/ touch the database.');
}

main();
