/**
 * CSV for a spreadsheet opened in Belgium: UTF-8 with a BOM (Excel reads the
 * accents), `;` between fields, CRLF lines. A cell starting with = + - @ (or a
 * tab or carriage return) is prefixed with an apostrophe: text typed by the
 * public or by a volunteer must never run as a formula in the board's
 * spreadsheet (CSV formula injection).
 */
export function csvCell(value: string | number | null): string {
  let text = value === null ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(text)) text = `'${text}`;
  return /[";\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function csvDocument(header: string[], rows: Array<Array<string | number | null>>): string {
  const lines = [header, ...rows].map((cells) => cells.map(csvCell).join(';'));
  return `\uFEFF${lines.join('\r\n')}\r\n`;
}
