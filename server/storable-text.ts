import { InputError } from './errors.ts';

/** NUL, or half of a surrogate pair without its other half: PostgreSQL text and jsonb hold neither. */
const unstorable = /\u0000|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/;
const unstorableEverywhere = new RegExp(unstorable.source, 'g');

/** How deep a JSON value from outside may nest; deeper values are refused before anything walks them recursively. */
export const maxJsonDepth = 64;

/** What the store cannot hold, said once for every place that refuses it. */
export const unstorableReason =
  'holds a character that cannot be stored (a NUL or half of a surrogate pair); remove it or save the text again as UTF-8';

/** Whether PostgreSQL text and jsonb can hold this string. */
export function isStorableText(text: string): boolean {
  return !unstorable.test(text);
}

/**
 * The text with what the store cannot hold replaced by U+FFFD, cut to `maxLength` characters
 * (ending in an ellipsis that says how long it was): for values kept only to be shown back.
 */
export function cleanText(text: string, options: { maxLength?: number } = {}): string {
  const clean = text.replace(unstorableEverywhere, '\uFFFD');
  const max = options.maxLength;
  if (max === undefined || clean.length <= max) return clean;
  return `${clean.slice(0, max)}… (${clean.length} characters)`;
}

/** Whether a JSON value nests more than `maxJsonDepth` levels (checked without recursion). */
export function isNestedTooDeep(value: unknown): boolean {
  const stack: { value: unknown; depth: number }[] = [{ value, depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node.value !== 'object' || node.value === null) continue;
    if (node.depth >= maxJsonDepth) return true;
    for (const child of Object.values(node.value)) stack.push({ value: child, depth: node.depth + 1 });
  }
  return false;
}

/** Why a value nesting too deep is refused. */
export const tooDeepReason = `is nested more than ${maxJsonDepth} levels deep; flatten it`;

/**
 * The first thing in a JSON value the store cannot take: a string or key that is not storable
 * text, or nesting deeper than `maxJsonDepth`. Walks without recursion, so any depth is safe.
 */
export function findUnstorable(value: unknown): { path: string; problem: string; value: unknown } | undefined {
  const stack: { value: unknown; path: string; depth: number }[] = [{ value, path: '', depth: 0 }];
  while (stack.length > 0) {
    const node = stack.pop()!;
    if (typeof node.value === 'string') {
      if (!isStorableText(node.value))
        return { path: node.path, problem: unstorableReason, value: cleanText(node.value) };
      continue;
    }
    if (typeof node.value !== 'object' || node.value === null) continue;
    if (node.depth >= maxJsonDepth)
      return { path: node.path, problem: tooDeepReason, value: `more than ${maxJsonDepth} levels` };
    for (const [key, child] of Object.entries(node.value)) {
      const path = node.path ? `${node.path}.${key}` : key;
      if (!isStorableText(key))
        return { path: cleanText(path), problem: `has a key that ${unstorableReason}`, value: cleanText(key) };
      stack.push({ value: child, path, depth: node.depth + 1 });
    }
  }
  return undefined;
}

/** Refuses (400, naming the field) a JSON value from outside that the store cannot take; see `findUnstorable`. */
export function checkStorable(options: { value: unknown; what: string }): void {
  const found = findUnstorable(options.value);
  if (!found) return;
  throw new InputError({
    problem: `${found.path || options.what} ${found.problem}`,
    value: found.value,
    fix: `Send ${options.what} as plain JSON text without NUL characters or broken surrogate pairs, at most ${maxJsonDepth} levels deep`,
  });
}
