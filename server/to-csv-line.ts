import { stringify } from 'csv-stringify/sync';

/** What makes a spreadsheet run a cell as a formula: = + - @ (and their full-width forms), tab, carriage return. */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
/**
 * A cell that is a plain number (-12.50, 1.234,56, +393331234567) stays as it is: a spreadsheet
 * reads it as a number, never a formula. Inside a cell, after a separator, even `-2` is
 * neutralised: split there, the rest of the line would follow it.
 */
const plainNumber = /^[+-]?\d[\d.,]*$/;
/** Characters that get a cell quoted: separators of any locale's spreadsheet (, ; tab), quote, line breaks. */
const needsQuotes = /[,;\t"\r\n]/;

/**
 * One CSV line, written by csv-stringify. Exports echo untrusted values (record ids, file cells,
 * form answers), so by default every text cell is neutralised: a formula start at the beginning
 * of the cell, or after any `,` `;` tab or line break inside it, gets an apostrophe, since Excel
 * with Italian or French settings splits on `;`, and a tool that ignores quoting splits anywhere.
 * A text cell holding a separator, quote or line break, or starting with a formula character,
 * is always quoted (a `-` inside `CUST-1002` or a date cannot start a cell, so it needs no
 * quotes). Plain numbers stay numbers. `defuseFormulas: false` keeps text exactly (for files
 * Kindly reads back, like demo records).
 */
export function toCsvLine(cells: readonly (string | number)[], options: { defuseFormulas?: boolean } = {}): string {
  const defuseFormulas = options.defuseFormulas ?? true;
  return stringify([cells], {
    cast: {
      string: (text) => {
        if (plainNumber.test(text)) return text;
        const value = defuseFormulas ? defuse(text) : text;
        return { value, quoted: needsQuotes.test(value) || formulaStart.test(text) };
      },
    },
  });
}

function defuse(text: string): string {
  const inner = text.replace(
    /([,;\t\r\n])([^,;\t\r\n]*)/g,
    (_all, separator: string, part: string) => `${separator}${formulaStart.test(part) ? "'" : ''}${part}`,
  );
  return formulaStart.test(inner) ? `'${inner}` : inner;
}
