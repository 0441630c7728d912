import fs from 'node:fs/promises';

/** A JSON file's contents, as an object. */
export const readJson = async (file: string) => JSON.parse(await fs.readFile(file, 'utf8')) as Record<string, unknown>;

/** Whether a file is there. */
export const exists = (file: string) =>
  fs.access(file).then(
    () => true,
    () => false,
  );
