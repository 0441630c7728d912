import { createHash } from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * A hash of what renders load: every file of a local bundle folder (code, compositions, templates,
 * copied assets and fonts), so any change to them gives new segment keys. The bundler's output is
 * deterministic except for two lines of index.html that never reach a frame (the assets'
 * modification times and the project's folder); those are left out, so the same sources hash the
 * same on every machine and checkout. A remote serve URL is taken as immutable and hashed by its address.
 */
export async function hashBundle(options: { serveUrl: string }): Promise<string> {
  const hash = createHash('sha256');
  if (/^https?:\/\//.test(options.serveUrl)) return hash.update(`url:${options.serveUrl}`).digest('hex');
  const root = path.resolve(options.serveUrl);
  const files = (await fs.readdir(root, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(root, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .sort();
  for (const file of files) {
    hash.update(`${file}\0`);
    const content = await fs.readFile(path.join(root, file));
    hash.update(file === 'index.html' ? withoutMachineDetails(content.toString('utf8')) : content);
    hash.update('\0');
  }
  return hash.digest('hex');
}

function withoutMachineDetails(html: string): string {
  return html.replace(/"lastModified":\d+/g, '"lastModified":0').replace(/window\.remotion_cwd = [^<]*/g, '');
}
