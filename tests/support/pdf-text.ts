import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';

/** The text of a PDF as poppler's pdftotext reads it (spaces normalised, lines joined). */
export function pdfText(pdf: Buffer | Uint8Array): string {
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-pdf-text-'));
  try {
    const file = path.join(dir, 'file.pdf');
    writeFileSync(file, pdf);
    const text = execFileSync('pdftotext', ['-enc', 'UTF-8', file, '-'], { encoding: 'utf8' });
    return text.replace(/\u00a0/g, ' ').replace(/\s+/g, ' ');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT')
      assert.fail('pdftotext is missing: install poppler-utils (apt-get install poppler-utils).');
    throw error;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
