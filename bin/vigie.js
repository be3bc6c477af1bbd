#!/usr/bin/env node
// The `vigie` command: runs the compiled code in dist/. When a source file is
// newer than the last build (a `git pull`, an edit), it compiles first, in about
// a second (scripts/build.mjs); otherwise it starts at once.
import { existsSync, readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const stampFile = path.join(root, 'dist', '.build-stamp');

function newestSource(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const file = path.join(dir, entry.name);
    if (entry.isDirectory()) newest = Math.max(newest, newestSource(file));
    else if (!/\.test\.tsx?$/.test(entry.name)) newest = Math.max(newest, statSync(file).mtimeMs);
  }
  return newest;
}

const built = existsSync(stampFile) ? Number(readFileSync(stampFile, 'utf8')) : 0;
const sources = existsSync(path.join(root, 'src'))
  ? Math.max(newestSource(path.join(root, 'src')), statSync(path.join(root, 'package.json')).mtimeMs)
  : 0;
if (!built || sources > built) {
  try {
    await import(pathToFileURL(path.join(root, 'scripts', 'build.mjs')).href);
  } catch (error) {
    const detail = error instanceof Error ? error.message : String(error);
    process.stderr.write(
      `vigie : le code compilé (dist/) manque ou n'est plus à jour, et la compilation a échoué : ${detail}\n` +
        '  Lancez « npm ci » (ou « npm run build ») dans le dossier de Vigie.\n',
    );
    process.exit(1);
  }
}
await import(pathToFileURL(path.join(root, 'dist', 'main.js')).href);
