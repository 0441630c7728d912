/**
 * One CSV line. Cells are quoted when needed, and cells a spreadsheet would run as a formula
 * (starting with = + - @) are prefixed with an apostrophe: rejects echo untrusted file content.
 */
export function toCsvLine(cells: readonly (string | number)[], options: { defuseFormulas?: boolean } = {}): string {
  const defuseFormulas = options.defuseFormulas ?? true;
  return `${cells.map((cell) => quote(typeof cell === 'number' ? String(cell) : defuseFormulas ? defuse(cell) : cell)).join(',')}\n`;
}

const defuse = (text: string) => (/^[=+\-@\t\r]/.test(text) && !/^[+-]?[\d.,\s]+$/.test(text) ? `'${text}` : text);
const quote = (text: string) => (/[",\n\r]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);
