#!/usr/bin/env node
// The `vigie` command: runs the compiled CLI (npm run build creates dist/).
import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../dist/main.js', import.meta.url));
if (!existsSync(cli)) {
  process.stderr.write(
    'vigie : le code compilé est absent. Lancez « npm run build » (ou « npm run vigie -- … » en développement).\n',
  );
  process.exit(1);
}
await import(cli);
