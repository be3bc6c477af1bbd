import type { MarkedToken, Token } from 'marked';

const MARKED_TYPES = new Set<string>([
  'blockquote',
  'br',
  'checkbox',
  'code',
  'codespan',
  'def',
  'del',
  'em',
  'escape',
  'heading',
  'hr',
  'html',
  'image',
  'link',
  'list',
  'list_item',
  'paragraph',
  'space',
  'strong',
  'table',
  'text',
]);

/**
 * Whether a token is one of marked's own, whose `type` tells its fields (a `switch` on it then needs
 * no cast). The others (`Tokens.Generic`) come only from a marked extension, which Vigie never registers.
 */
export function isMarkedToken(token: Token): token is MarkedToken {
  return MARKED_TYPES.has(token.type);
}
