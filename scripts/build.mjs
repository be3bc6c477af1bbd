// Compiles src/ to dist/ (JavaScript for Node 24), file by file, in about a
// second: esbuild only strips the types (`npm run typecheck` checks them).
// Run by `npm ci`/`npm install` (the `prepare` script), by `npm run build`,
// and by bin/vigie.js when a source file is newer than the last build.
import { copyFileSync, existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const src = path.join(root, 'src');
const dist = path.join(root, 'dist');

/** Every file under src/ that ships: no tests, no test support. */
export function sourceFiles(dir = src) {
  const out = [];
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) out.push(...sourceFiles(file));
    else if (!/\.test\.tsx?$/.test(entry.name) && !entry.name.endsWith('.d.ts')) out.push(file);
  }
  return out;
}

const started = Date.now();
const files = sourceFiles();
// Built beside, then swapped in: a process starting meanwhile never sees half a dist/.
const next = `${dist}.${process.pid}`;
rmSync(next, { recursive: true, force: true });
await build({
  entryPoints: files.filter((f) => /\.tsx?$/.test(f)),
  outdir: next,
  outbase: src,
  format: 'esm',
  platform: 'node',
  target: 'node24',
  sourcemap: true,
  jsx: 'automatic',
  jsxImportSource: '@kitajs/html',
  logLevel: 'warning',
});
for (const file of files.filter((f) => f.endsWith('.json'))) {
  const target = path.join(next, path.relative(src, file));
  mkdirSync(path.dirname(target), { recursive: true });
  copyFileSync(file, target);
}
const newest = Math.max(...[...files, path.join(root, 'package.json')].map((f) => statSync(f).mtimeMs));
writeFileSync(path.join(next, '.build-stamp'), `${newest}\n`);
const old = `${dist}.old.${process.pid}`;
if (existsSync(dist)) renameSync(dist, old);
renameSync(next, dist);
rmSync(old, { recursive: true, force: true });
process.stderr.write(`vigie : ${files.length} fichiers compilés dans dist/ en ${Date.now() - started} ms.\n`);
