/**
 * Personal links are secrets. For text that is not a request (error messages, stacks, stored
 * failures, log lines): every token-shaped code after a path segment or `=` becomes `:token`, so
 * `/r/<token>/`, `/t/f/<token>/paid`, `/r//<token>/` and `?t=<token>` are all covered, whatever
 * the route. A token-shaped code is 22 or more link characters with at least one capital, digit
 * or underscore (package names like `chromium-headless-shell` are kept; a random token lacks all
 * three fewer than once in 10^8). A payment reference (`ref=`, shorter than a token) is secret too:
 * the demo checkout takes it in its query.
 */
export function redactTokens(text: string): string {
  return text
    .replace(/(?<=\/|=|%2[Ff])[A-Za-z0-9_-]{22,}/g, (code) => (/[A-Z0-9_]/.test(code) ? ':token' : code))
    .replace(/(?<=[?&]ref=)[^&#\s"']+/g, ':ref');
}
