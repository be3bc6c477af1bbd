import assert from 'node:assert/strict';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { after, before, describe, it } from 'node:test';
import { Resvg } from '@resvg/resvg-js';
import { strFromU8, unzipSync } from 'fflate';
import { loginAs } from '../../../tests/factories/index.js';
import { createTestApp, type TestContext } from '../../../tests/setup/app.js';
import { buildSampleReport } from '../../../tests/support/reports.js';
import { renderReportDocx } from './reports.docx.js';
import { loadLogo, MAX_LOGO_BYTES } from './reports.logo.service.js';
import { renderReportPdf } from './reports.pdf.js';

const LOGO_PNG = Buffer.from(
  new Resvg(
    '<svg xmlns="http://www.w3.org/2000/svg" width="120" height="40"><rect width="120" height="40" fill="#1d4f7a"/><circle cx="20" cy="20" r="12" fill="#ffffff"/></svg>',
  )
    .render()
    .asPng(),
);

describe(`the organisation's logo on the report's cover (${process.env.TEST_DB ?? 'sqlite'})`, () => {
  let ctx: TestContext;
  const dir = mkdtempSync(path.join(tmpdir(), 'vigie-logo-'));

  before(async () => {
    ctx = await createTestApp();
  });
  after(async () => {
    rmSync(dir, { recursive: true, force: true });
    await ctx.close();
  });

  const logoEvents = async () =>
    (await ctx.db.selectFrom('audit_events').select('summary').where('action', '=', 'report.logo').execute()).map(
      (e) => e.summary,
    );

  it('refuses what is not a PNG or JPEG, or too large, in French, and saves nothing', async () => {
    const { agent } = await loginAs(ctx);
    const text = await agent.postMultipart(
      '/bureau/rapport/logo',
      {},
      { logo: { filename: 'logo.png', data: Buffer.from('pas une image'), type: 'image/png' } },
    );
    assert.equal(text.statusCode, 400);
    assert.match(text.body, /Ce fichier n’est pas une image PNG ou JPEG\./);
    const big = Buffer.concat([LOGO_PNG, Buffer.alloc(MAX_LOGO_BYTES)]);
    const tooBig = await agent.postMultipart('/bureau/rapport/logo', {}, { logo: { filename: 'l.png', data: big } });
    assert.equal(tooBig.statusCode, 400);
    assert.match(tooBig.body, /Le logo dépasse 300 Ko/);
    assert.equal(await loadLogo(ctx.db), null);
    assert.deepEqual(await logoEvents(), []);
  });

  it('is for the board, with the CSRF token', async () => {
    const { agent: admin } = await loginAs(ctx, ['admin']);
    const file = { logo: { filename: 'logo.png', data: LOGO_PNG } };
    assert.equal((await admin.get('/bureau/rapport/logo')).statusCode, 403);
    assert.equal((await admin.postMultipart('/bureau/rapport/logo', {}, file)).statusCode, 403);
    const { agent } = await loginAs(ctx);
    await agent.get('/bureau/rapport/logo');
    const forged = await agent.postMultipart('/bureau/rapport/logo', { _csrf: 'faux' }, file, { csrf: false });
    assert.equal(forged.statusCode, 403);
    assert.equal(await loadLogo(ctx.db), null);
  });

  it('is uploaded by a board member, audited, shown, then printed on the PDF and DOCX covers', async () => {
    const { agent } = await loginAs(ctx);
    const saved = await agent.postMultipart(
      '/bureau/rapport/logo',
      {},
      { logo: { filename: 'logo.png', data: LOGO_PNG } },
    );
    assert.equal(saved.statusCode, 303);
    const logo = await loadLogo(ctx.db);
    assert.equal(logo?.contentType, 'image/png');
    assert.deepEqual(Buffer.from(logo?.base64 ?? '', 'base64'), LOGO_PNG);
    assert.deepEqual(await logoEvents(), ['logo enregistré (image/png)']);
    const page = await agent.get('/bureau/rapport/logo');
    assert.match(page.body, /<img src="data:image\/png;base64,[^"]+" alt="Logo actuel de l’organisation"/);

    const report = buildSampleReport({ ...(logo ? { logo } : {}) });
    const pdf = path.join(dir, 'logo.pdf');
    writeFileSync(pdf, await renderReportPdf(report));
    const images = execFileSync('pdfimages', ['-list', '-f', '1', '-l', '1', pdf], { encoding: 'utf8' });
    assert.match(images, /^\s*1\s+\d+\s+image\s+120\s+40\b/m, `the cover holds the 120 × 40 logo:\n${images}`);
    const docx = unzipSync(new Uint8Array(await renderReportDocx(report)));
    const cover = strFromU8(docx['word/document.xml']!).split('Rapport d’activités')[0] ?? '';
    assert.match(cover, /<wp:docPr [^>]*descr="Logo : Comité de Vigilance en Travail Social"/);

    const removed = await agent.post('/bureau/rapport/logo/retirer', {});
    assert.equal(removed.statusCode, 303);
    assert.equal(await loadLogo(ctx.db), null);
    assert.deepEqual(await logoEvents(), ['logo enregistré (image/png)', 'logo retiré']);
  });
});
