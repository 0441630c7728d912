/** JSON text as a value, or undefined when it is not JSON (the schema that follows names the problem). */
export function parseJsonText(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}
