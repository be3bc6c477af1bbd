/**
 * Rebuilds the committee's 2019–2020 report from its register (the fixture
 * tests/support/cvts.ts, on a throw-away SQLite database) and writes its PDF,
 * its DOCX and one page of the PDF as a picture for docs/report.md.
 *
 *   npx tsx tests/setup/prepare.ts   # once: the migrated template
 *   npx tsx scripts/render-report-page.ts [--out DIR] [--page N] [--image docs/images/rapport-2019-2020-page.png]
 *
 * Needs poppler-utils (pdftoppm).
 */
import { execFileSync } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import { renderReportDocx } from '../src/modules/reports/reports.docx.js';
import { renderReportPdf } from '../src/modules/reports/reports.pdf.js';
import { buildReport } from '../src/modules/reports/reports.service.js';
import { buildUser } from '../tests/factories/index.js';
import { createTestApp } from '../tests/setup/app.js';
import { loadCvts2019 } from '../tests/support/cvts.js';

const { values } = parseArgs({
  options: {
    out: { type: 'string', default: '/tmp' },
    page: { type: 'string', default: '8' },
    image: { type: 'string', default: 'docs/images/rapport-2019-2020-page.png' },
  },
});
const out = values.out ?? '/tmp';

const ctx = await createTestApp();
try {
  const owner = await buildUser(ctx.db, ['board']);
  await loadCvts2019(ctx.db, owner.id);
  const report = await buildReport(ctx.db, [2019, 2020], {
    organisationName: 'Comité de Vigilance en Travail Social',
    now: new Date('2021-10-19T09:30:00Z'),
  });
  const pdfFile = path.join(out, 'rapport-2019-2020.pdf');
  writeFileSync(pdfFile, await renderReportPdf(report));
  writeFileSync(path.join(out, 'rapport-2019-2020.docx'), await renderReportDocx(report));
  const page = values.page ?? '8';
  const image = values.image ?? 'docs/images/rapport-2019-2020-page.png';
  execFileSync('pdftoppm', [
    '-png',
    '-r',
    '60',
    '-f',
    page,
    '-l',
    page,
    '-singlefile',
    pdfFile,
    image.replace(/\.png$/, ''),
  ]);
  console.log(`→ ${pdfFile}, ${path.join(out, 'rapport-2019-2020.docx')}, page ${page} → ${image}`);
} finally {
  await ctx.close();
}
