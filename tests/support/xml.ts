import { strFromU8, unzipSync } from 'fflate';
import { readXlsx } from '../../src/modules/imports/imports.xlsx.js';

/**
 * A strict little XML reader for tests of the files Vigie writes (XLSX parts):
 * it refuses what is not well-formed (unbalanced or crossed tags, unquoted
 * attributes, a bare `&` or `<` in text, a second root) and returns the tree.
 */
export interface XmlElement {
  name: string;
  attrs: Record<string, string>;
  children: XmlElement[];
  /** The element's own text (entities decoded), children's text excluded. */
  text: string;
}

const ENTITIES: Record<string, string> = { lt: '<', gt: '>', amp: '&', quot: '"', apos: "'" };

function decode(raw: string, where: string): string {
  if (/<|&(?!(?:lt|gt|amp|quot|apos|#\d+|#x[0-9a-f]+);)/i.test(raw)) throw new Error(`unescaped < or & in ${where}`);
  return raw.replace(/&(#x[0-9a-f]+|#\d+|\w+);/gi, (_, e: string) =>
    e.startsWith('#x')
      ? String.fromCodePoint(Number.parseInt(e.slice(2), 16))
      : e.startsWith('#')
        ? String.fromCodePoint(Number(e.slice(1)))
        : (ENTITIES[e] ?? ''),
  );
}

export function parseXml(xml: string): XmlElement {
  const body = xml.replace(/^\uFEFF?<\?xml[^?]*\?>\s*/, '');
  const stack: XmlElement[] = [];
  let root: XmlElement | null = null;
  const token = /<(\/?)([\w:]+)((?:\s+[\w:]+="[^"<]*")*)\s*(\/?)>|([^<]+)/gy;
  let m: RegExpExecArray | null;
  while (token.lastIndex < body.length) {
    m = token.exec(body);
    if (!m) throw new Error(`malformed XML near: ${body.slice(token.lastIndex, token.lastIndex + 60)}`);
    const [, closing, name, attrText, selfClosing, text] = m;
    const parent = stack.at(-1);
    if (text !== undefined) {
      if (!parent) {
        if (text.trim()) throw new Error('text outside the root element');
        continue;
      }
      parent.text += decode(text, parent.name);
      continue;
    }
    if (!name) throw new Error('empty tag');
    if (closing) {
      const open = stack.pop();
      if (open?.name !== name) throw new Error(`</${name}> closes <${open?.name ?? 'nothing'}>`);
      continue;
    }
    const attrs: Record<string, string> = {};
    for (const a of (attrText ?? '').matchAll(/([\w:]+)="([^"]*)"/g)) {
      if (a[1] === undefined || a[1] in attrs) throw new Error(`attribute repeated in <${name}>`);
      attrs[a[1]] = decode(a[2] ?? '', `<${name}>`);
    }
    const element: XmlElement = { name, attrs, children: [], text: '' };
    if (parent) parent.children.push(element);
    else if (root) throw new Error('a second root element');
    else root = element;
    if (!selfClosing) stack.push(element);
  }
  if (stack.length || !root) throw new Error('unclosed elements');
  return root;
}

/** Every descendant element of that name, in document order. */
export function findAll(element: XmlElement, name: string): XmlElement[] {
  return element.children.flatMap((c) => [...(c.name === name ? [c] : []), ...findAll(c, name)]);
}

/**
 * An exported workbook, checked: every part is well-formed XML, no cell holds a
 * formula; its rows as the import reads them (dates back as YYYY-MM-DD).
 */
export function readWorkbook(bytes: Uint8Array): { header: string[]; rows: string[][] } {
  const files = unzipSync(bytes);
  for (const [name, data] of Object.entries(files)) {
    const root = parseXml(strFromU8(data));
    if (name.startsWith('xl/worksheets/') && findAll(root, 'f').length) throw new Error(`a formula in ${name}`);
  }
  const table = readXlsx(bytes);
  return { header: table.header, rows: table.rows.map((r) => r.cells) };
}
