import { readdirSync, readFileSync, statSync } from 'node:fs';
import path from 'node:path';
import { zipSync } from 'fflate';
import { INSTALL_DIR } from '../../config.js';

/**
 * The source code this server runs, as one zip file (AGPL-3.0 §13: whoever
 * uses a modified Vigie over a network is offered its source). Only the
 * project's own files: never `.env`, `data/` (database, key), `dist/` or
 * `node_modules/`.
 */
const FOLDERS = ['bin', 'src', 'scripts', 'docs', 'tests'];
const FILES = [
  'LICENSE',
  'README.md',
  'package.json',
  'package-lock.json',
  '.env.example',
  '.nvmrc',
  'tsconfig.json',
  'eslint.config.js',
  '.prettierrc.json',
  '.prettierignore',
  '.gitignore',
];
/** Never shipped even inside the folders above: secrets and databases a careless copy could leave there. */
const NEVER = /(^|\/)(\.env(?!\.example$)[^/]*|[^/]*\.(key|sqlite|sqlite-wal|sqlite-shm|pem))$/;

function collect(dir: string, out: Record<string, Uint8Array>): void {
  for (const entry of readdirSync(path.join(INSTALL_DIR, dir), { withFileTypes: true })) {
    const relative = `${dir}/${entry.name}`;
    if (entry.isDirectory()) collect(relative, out);
    else if (entry.isFile() && !NEVER.test(relative))
      out[`vigie/${relative}`] = readFileSync(path.join(INSTALL_DIR, relative));
  }
}

let cached: Buffer | null = null;

export function sourceArchive(): Buffer {
  if (cached) return cached;
  const files: Record<string, Uint8Array> = {};
  for (const file of FILES) {
    try {
      if (statSync(path.join(INSTALL_DIR, file)).isFile())
        files[`vigie/${file}`] = readFileSync(path.join(INSTALL_DIR, file));
    } catch {
      // An optional file absent from this installation.
    }
  }
  for (const folder of FOLDERS) {
    try {
      collect(folder, files);
    } catch {
      // A folder a production install may leave out (tests, docs).
    }
  }
  cached = Buffer.from(zipSync(files, { level: 6 }));
  return cached;
}
