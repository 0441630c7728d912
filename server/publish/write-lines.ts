import fs from 'node:fs';
import { once } from 'node:events';

/** Writes text chunks to a file as they come, waiting when the disk is slower than the source. */
export async function writeLines(file: string, lines: AsyncIterable<string>): Promise<void> {
  const stream = fs.createWriteStream(file);
  for await (const line of lines) {
    if (!stream.write(line)) await once(stream, 'drain');
  }
  stream.end();
  await once(stream, 'finish');
}
