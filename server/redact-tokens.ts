/** Personal links are secrets: `r/<token>` (and the tracking paths) become `r/:token` in logs and messages. */
export function redactTokens(text: string): string {
  return text.replace(/\b(r|t\/c|t\/o|t\/p)\/[A-Za-z0-9_-]{16,}/g, '$1/:token');
}
