import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

/**
 * The few static files are read once at start, served with a content hash in
 * their URL and cached for a year. No third-party host is ever referenced.
 */
const here = path.dirname(fileURLToPath(import.meta.url));
const sourceDir = path.resolve(here, '../../src/web/assets');

interface Asset {
  body: Buffer;
  type: string;
  hash: string;
}

const TYPES: Record<string, string> = {
  '.css': 'text/css; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.svg': 'image/svg+xml',
};

const assets = new Map<string, Asset>();

function load(name: string): Asset {
  const cached = assets.get(name);
  if (cached) return cached;
  const body = readFileSync(path.join(sourceDir, name));
  const asset = {
    body,
    type: TYPES[path.extname(name)] ?? 'application/octet-stream',
    hash: createHash('sha256').update(body).digest('hex').slice(0, 10),
  };
  assets.set(name, asset);
  return asset;
}

export const ASSET_NAMES = ['style.css', 'app.js', 'print.css', 'icon.svg', 'passkey.js'] as const;

export function assetUrl(name: (typeof ASSET_NAMES)[number]): string {
  return `/assets/${load(name).hash}/${name}`;
}

export function getAsset(name: string): Asset | undefined {
  return (ASSET_NAMES as readonly string[]).includes(name) ? load(name) : undefined;
}
