import { InputError } from '../errors.ts';

/** One element of a top-level JSON array, as unparsed text, with its 1-based position. */
export type JsonElement = { index: number; text: string };

const whitespace = new Set([' ', '\t', '\n', '\r', '\uFEFF']);

/**
 * Splits a streamed top-level JSON array into the text of its elements, holding one element at
 * a time. It only tracks nesting, strings and escapes; each element is parsed by the caller, so
 * one broken element does not stop the others. Throws InputError when the text is not an array,
 * is cut short, or goes on after the closing bracket.
 */
export async function* splitJsonArray(options: {
  chunks: AsyncIterable<string>;
  name: string;
}): AsyncGenerator<JsonElement> {
  const { name } = options;
  let state = 'before' as 'before' | 'between' | 'element' | 'after';
  let depth = 0;
  let inString = false;
  let escaped = false;
  let parts: string[] = [];
  let index = 0;
  for await (const chunk of options.chunks) {
    let start = 0;
    const elements: string[] = [];
    for (let at = 0; at < chunk.length; at += 1) {
      const char = chunk.charAt(at);
      if (state === 'element') {
        if (inString) {
          if (escaped) escaped = false;
          else if (char === '\\') escaped = true;
          else if (char === '"') inString = false;
          continue;
        }
        if (char === '"') inString = true;
        else if (char === '{' || char === '[') depth += 1;
        else if ((char === '}' || char === ']') && depth > 0) depth -= 1;
        else if (depth === 0 && (char === ',' || char === ']')) {
          parts.push(chunk.slice(start, at));
          elements.push(parts.join(''));
          parts = [];
          state = char === ',' ? 'between' : 'after';
        }
        continue;
      }
      if (whitespace.has(char)) continue;
      if (state === 'before') {
        if (char !== '[') throw notAnArray(name);
        state = 'between';
      } else if (state === 'between') {
        // Empty slots such as a trailing comma hold no record, so they are passed over.
        if (char === ']') state = 'after';
        else if (char !== ',') {
          state = 'element';
          start = at;
          inString = char === '"';
          depth = char === '{' || char === '[' ? 1 : 0;
        }
      } else {
        throw new InputError({
          problem: 'The JSON file has text after the closing ] of the array',
          value: name,
          fix: 'Keep all records inside one top-level array',
        });
      }
    }
    if (state === 'element') parts.push(chunk.slice(start));
    for (const text of elements) {
      index += 1;
      yield { index, text };
    }
  }
  if (state === 'before') {
    throw new InputError({
      problem: 'The records file is empty',
      value: name,
      fix: 'Export the records again as a JSON array of objects',
    });
  }
  if (state !== 'after') {
    throw new InputError({
      problem: 'The JSON array is never closed; the file may be cut short',
      value: name,
      fix: 'Export the file again in full, ending with ]',
    });
  }
}

function notAnArray(name: string): InputError {
  return new InputError({
    problem: 'The JSON file is not an array of records',
    value: name,
    fix: 'Put the records in a top-level array, like [{"id": "CUST-1", "name": "..."}], or write one object per line in a .ndjson file',
  });
}
