/**
 * Rewrites CRLF and lone CR line ends as LF, across chunk boundaries. CSV line numbers depend
 * on it: the parser counts a CRLF inside a quoted value as two lines.
 */
export async function* normalizeNewlines(options: { chunks: AsyncIterable<string> }): AsyncGenerator<string> {
  let carry = '';
  for await (const chunk of options.chunks) {
    let text = carry + chunk;
    // A CR at the end may be the first half of a CRLF split across chunks.
    carry = text.endsWith('\r') ? '\r' : '';
    if (carry) text = text.slice(0, -1);
    if (text) yield text.replace(/\r\n?/g, '\n');
  }
  if (carry) yield '\n';
}
