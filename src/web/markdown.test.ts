import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { markdownToHtml, pageMarkdownToHtml } from './markdown.js';

/**
 * Issue 9: a Markdown image in a public page was fetched by every board member's browser with their
 * session; one pointing at « exporter malgré les avertissements » made each of them export in their name.
 */
describe('Markdown images come only from the site’s own attachments', () => {
  it('shows an attachment as an image', () => {
    const html = pageMarkdownToHtml('![Affiche](/fichiers/12/affiche-2026.png)');
    assert.match(html, /<img src="\/fichiers\/12\/affiche-2026\.png" alt="Affiche" loading="lazy">/);
  });

  it('turns an image pointing at a board address into a plain link, never an <img>', () => {
    for (const src of [
      '/bureau/rapport/2025/export?format=pdf&malgre=1',
      '/bureau/rapport/2025.json?malgre=1',
      '/deconnexion',
      '/fichiers/12/../../bureau',
      '/fichiers/12/x.png?malgre=1',
      'https://ailleurs.example/pixel.gif',
    ]) {
      const html = pageMarkdownToHtml(`Voir ![image](${src})`);
      assert.doesNotMatch(html, /<img/, src);
      assert.match(html, /<a href="[^"]+">image<\/a>/, src);
    }
  });

  it('never shows an image in the short texts (report, Manifesto, newsletter)', () => {
    assert.doesNotMatch(markdownToHtml('![Affiche](/fichiers/12/affiche.png)'), /<img/);
  });
});
