/** The cell separators CSV exports use: comma, semicolon (Excel where the decimal mark is a comma), tab. */
export type Delimiter = ',' | ';' | '\t';

/**
 * The delimiter of a CSV file: whichever of `,` `;` and tab occurs most often in its header
 * line, ignoring quoted text (a header such as "Balance, EUR" must not decide). Comma on a tie.
 */
export function sniffDelimiter(options: { head: string }): Delimiter {
  const counts = { ',': 0, ';': 0, '\t': 0 };
  let quoted = false;
  let started = false;
  for (const char of options.head) {
    if (char === '"') quoted = !quoted;
    else if (!quoted && (char === '\n' || char === '\r')) {
      // Blank lines before the header do not end it.
      if (started) break;
    } else if (!quoted && (char === ',' || char === ';' || char === '\t')) counts[char] += 1;
    if (char.trim() !== '') started = true;
  }
  const best = (Object.keys(counts) as Delimiter[]).reduce((a, b) => (counts[b] > counts[a] ? b : a));
  return counts[best] > 0 ? best : ',';
}
