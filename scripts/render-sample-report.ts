/**
 * Renders the sample activity report (the committee's 2019–2020 report, typed
 * by hand in tests/support/reports.ts) to /tmp/rapport.pdf and /tmp/rapport.docx, then
 * times both renderers on the benchmark report (ten years, 10,000 requests).
 *
 *   npx tsx scripts/render-sample-report.ts [--out DIR] [--no-bench]
 *
 * Look at the pages: pdftoppm -r 60 -png /tmp/rapport.pdf /tmp/rapport
 */
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderReportDocx } from '../src/modules/reports/reports.docx.js';
import { buildLargeReport, buildSampleReport } from '../tests/support/reports.js';
import { renderReportPdf } from '../src/modules/reports/reports.pdf.js';

const { values } = parseArgs({
  options: { out: { type: 'string', default: '/tmp' }, 'no-bench': { type: 'boolean', default: false } },
});
const out = values.out ?? '/tmp';

async function timed<T>(label: string, run: () => Promise<T>): Promise<T> {
  const started = performance.now();
  const result = await run();
  console.log(`${label}: ${((performance.now() - started) / 1000).toFixed(2)} s`);
  return result;
}

const sample = buildSampleReport();
const pdf = await timed('PDF (rapport 2019–2020)', () => renderReportPdf(sample));
writeFileSync(path.join(out, 'rapport.pdf'), pdf);
const docx = await timed('DOCX (rapport 2019–2020)', () => renderReportDocx(sample));
writeFileSync(path.join(out, 'rapport.docx'), docx);
console.log(
  `→ ${path.join(out, 'rapport.pdf')} (${Math.round(pdf.length / 1024)} Kio), ${path.join(out, 'rapport.docx')} (${Math.round(docx.length / 1024)} Kio)`,
);

if (!values['no-bench']) {
  const large = buildLargeReport(10, 10_000);
  const items = large.review.kinds.reduce(
    (n, k) => n + k.done.length + k.declinedOrCancelled.length + k.later.length + k.other.length,
    0,
  );
  console.log(`Benchmark: ${large.years.length} années, ${items} demandes (cible PDF < 10 s)`);
  const bigPdf = await timed('  PDF', () => renderReportPdf(large));
  const bigDocx = await timed('  DOCX', () => renderReportDocx(large));
  console.log(`  ${Math.round(bigPdf.length / 1024)} Kio PDF, ${Math.round(bigDocx.length / 1024)} Kio DOCX`);
}
