import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import path from 'node:path';
import { keysOf } from '../../lib/one-of.js';

/**
 * The report's fonts (DejaVu, from the `dejavu-fonts-ttf` npm package):
 * nothing is read from the system, so every machine draws the same PDF, with
 * every French character (and U+202F, the narrow no-break space).
 */
const FONT_FILES = {
  serif: 'DejaVuSerif.ttf',
  serifBold: 'DejaVuSerif-Bold.ttf',
  serifItalic: 'DejaVuSerif-Italic.ttf',
  serifBoldItalic: 'DejaVuSerif-BoldItalic.ttf',
  sans: 'DejaVuSans.ttf',
  sansBold: 'DejaVuSans-Bold.ttf',
  cond: 'DejaVuSansCondensed.ttf',
  condBold: 'DejaVuSansCondensed-Bold.ttf',
  condItalic: 'DejaVuSansCondensed-Oblique.ttf',
  mono: 'DejaVuSansMono.ttf',
} as const;
export type FontName = keyof typeof FONT_FILES;
export const FONT_NAMES = keysOf(FONT_FILES);

const fontCache = new Map<FontName, Buffer>();

/** Where a font file of the `dejavu-fonts-ttf` package is. */
export function reportFontPath(name: FontName): string {
  const dir = path.join(path.dirname(createRequire(import.meta.url).resolve('dejavu-fonts-ttf/package.json')), 'ttf');
  return path.join(dir, FONT_FILES[name]);
}

/** A font file of the `dejavu-fonts-ttf` package, read once. */
export function reportFont(name: FontName): Buffer {
  let data = fontCache.get(name);
  if (!data) {
    data = readFileSync(reportFontPath(name));
    fontCache.set(name, data);
  }
  return data;
}
