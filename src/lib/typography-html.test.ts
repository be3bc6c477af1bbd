import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { isFrenchDocument, typesetHtml, typesetText } from './typography-html.js';

const NBSP = '\u00a0';
const NNBSP = '\u202f';

describe('French typesetting of HTML', () => {
  it('typesets the text a person reads, entities and tags kept', () => {
    assert.equal(
      typesetHtml('<h1>Puis-je parler ?</h1><p>L&#39;équipe <em>dit</em> : « oui » ; d&#39;accord !</p>'),
      `<h1>Puis-je parler${NNBSP}?</h1><p>L’équipe <em>dit</em>${NBSP}: «${NBSP}oui${NBSP}»${NNBSP}; d’accord${NNBSP}!</p>`,
    );
  });

  it('never touches data: attribute values, textarea, pre, code, script, style', () => {
    const html =
      `<a href="/guide?q=l'aide : oui" data-x="a ?">Aide</a>` +
      `<input name="n" value="l&#39;école ?">` +
      `<textarea name="t" placeholder="Par exemple : l'école">L'école ? « oui »</textarea>` +
      `<pre>a ; b</pre><code>x ? y</code><script>if (a ? b : c) {}</script><style>a:hover { x: y }</style>` +
      `<!-- l'aide ? -->`;
    const out = typesetHtml(html);
    assert.ok(out.includes(`href="/guide?q=l'aide : oui" data-x="a ?"`));
    assert.ok(out.includes(`value="l&#39;école ?"`));
    assert.ok(out.includes(`>L'école ? « oui »</textarea>`));
    assert.ok(out.includes('<pre>a ; b</pre><code>x ? y</code><script>if (a ? b : c) {}</script>'));
    assert.ok(out.includes("<!-- l'aide ? -->"));
    // What a person reads in a field's hint is typeset like its label.
    assert.ok(out.includes(`placeholder="Par exemple${NBSP}: l’école"`));
  });

  it('typesets the attributes read aloud, so an accessible name matches its label', () => {
    assert.equal(
      typesetHtml(
        '<button aria-label="Supprimer l&#39;entrée ?" title="Vraiment ?">x</button><img alt="Logo : l&#39;asbl">',
      ),
      `<button aria-label="Supprimer l’entrée${NNBSP}?" title="Vraiment${NNBSP}?">x</button><img alt="Logo${NBSP}: l’asbl">`,
    );
  });

  it('survives a « > » inside an attribute (kitajs does not escape it)', () => {
    assert.equal(
      typesetHtml('<span title="a > b : c">Note : ok</span>'),
      `<span title="a > b${NBSP}: c">Note${NBSP}: ok</span>`,
    );
  });

  it('leaves addresses alone and is idempotent', () => {
    const text = "Écrivez à l'adresse o'brien@exemple.be ou voyez https://exemple.be/l'aide ?x=1 : merci !";
    const once = typesetText(text);
    assert.equal(
      once,
      `Écrivez à l’adresse o'brien@exemple.be ou voyez https://exemple.be/l'aide ?x=1${NBSP}: merci${NNBSP}!`,
    );
    assert.equal(typesetText(once), once);
    const page = '<p>Puis-je parler ? <a href="/x">l\'aide</a></p>';
    assert.equal(typesetHtml(typesetHtml(page)), typesetHtml(page));
  });

  it('knows a French document from its declared language', () => {
    assert.equal(isFrenchDocument('<!doctype html><html lang="fr-BE"><head>'), true);
    assert.equal(isFrenchDocument('<!doctype html>\n<html lang="fr">'), true);
    assert.equal(isFrenchDocument('<!doctype html><html lang="nl-BE">'), false);
    assert.equal(isFrenchDocument('<p>fragment</p>'), false);
  });
});
