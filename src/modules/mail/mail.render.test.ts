import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { mailMarkdownToHtml, mailMarkdownToText, renderMailDocument } from './mail.render.js';

const BASE = 'https://vigie.exemple.be';

describe('formatted mails', () => {
  const text = [
    '## Journée d’étude',
    '',
    'Le **12 mars**, *à Namur* : voir [l’agenda](/agenda) ou écrire à [nous](mailto:info@exemple.be).',
    '',
    '- premier point',
    '- second point',
    '',
    '1. un',
    '2. deux',
    '',
    '> Une citation.',
    '',
    '<img src=x onerror=alert(1)> [piège](javascript:alert(1))',
  ].join('\n');

  it('gives a plain-text part without formatting marks, links written out', () => {
    const plain = mailMarkdownToText(text, BASE);
    assert.equal(
      plain,
      [
        'Journée d’étude',
        '---------------',
        '',
        'Le 12 mars, à Namur : voir l’agenda (https://vigie.exemple.be/agenda) ou écrire à nous (info@exemple.be).',
        '',
        '- premier point',
        '- second point',
        '',
        '1. un',
        '2. deux',
        '',
        '> Une citation.',
        '',
        '<img src=x onerror=alert(1)> piège',
      ].join('\n'),
    );
  });

  it('gives an HTML part with inline styles, absolute links, raw HTML as text and unsafe links dropped', () => {
    const html = mailMarkdownToHtml(text, BASE);
    assert.match(html, /<h2 style="[^"]+">Journée d’étude<\/h2>/);
    assert.match(html, /<strong>12 mars<\/strong>/);
    assert.match(
      html,
      /<a href="https:\/\/vigie\.exemple\.be\/agenda" style="color:#0b5394;text-decoration:underline">l’agenda<\/a>/,
    );
    assert.match(html, /<ul style="[^"]+"><li>premier point<\/li>/);
    assert.match(html, /&lt;img src=x onerror=alert\(1\)&gt;/);
    assert.doesNotMatch(html, /<img|javascript:/);
    assert.doesNotMatch(html, /class=|<style/, 'mail programs drop style sheets: styles are inline');
  });

  it('wraps the content in a document that declares its language and marks layout tables as presentation', () => {
    const doc = renderMailDocument({
      lang: 'nl-BE',
      subject: 'Nieuws <van> het comité',
      organisation: 'Comité & co',
      contentHtml: '<p>x</p>',
      footerHtml: '',
    });
    assert.match(doc, /^<!doctype html>\n<html lang="nl-BE">/);
    assert.match(doc, /<title>Nieuws &lt;van&gt; het comité<\/title>/);
    assert.equal(doc.match(/<table role="presentation"/g)?.length, 3);
    assert.match(doc, /Comité &amp; co/);
  });
});
