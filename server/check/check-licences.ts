import fs from 'node:fs/promises';
import path from 'node:path';
import type { FontFace } from './find-font-faces.ts';

/**
 * Every file under `assets/` and every font package the compositions load must have a row in
 * `assets/LICENSES.md`: a file by its path (`audio/bed.m4a`), a folder of Kindly's own files by
 * its path with a slash (`site/`), a font by its package name (`@fontsource/inter`).
 */
export async function checkLicences(options: { assetsDir: string; faces: readonly FontFace[] }): Promise<string[]> {
  const licences = path.join(options.assetsDir, 'LICENSES.md');
  const text = await fs.readFile(licences, 'utf8').catch(() => '');
  const listed = new Set([...text.matchAll(/`([^`]+)`/g)].map((match) => match[1] ?? ''));
  const problems: string[] = [];
  const files = (await fs.readdir(options.assetsDir, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(options.assetsDir, path.join(entry.parentPath, entry.name)).split(path.sep).join('/'))
    .filter((file) => file !== 'LICENSES.md')
    .sort();
  for (const file of files) {
    const folders = file
      .split('/')
      .slice(0, -1)
      .map((_, index, parts) => `${parts.slice(0, index + 1).join('/')}/`);
    if (!listed.has(file) && !folders.some((folder) => listed.has(folder))) {
      problems.push(
        `Asset "assets/${file}": has no licence entry; add a row for \`${file}\` (source and licence) to assets/LICENSES.md`,
      );
    }
  }
  const packages = new Set(
    options.faces
      .map((face) => /node_modules\/(@fontsource\/[^/]+)\//.exec(face.file)?.[1])
      .filter((name): name is string => Boolean(name)),
  );
  for (const name of [...packages].sort()) {
    if (!listed.has(name))
      problems.push(
        `Font "${name}": has no licence entry; add a row for \`${name}\` (authors and licence) to assets/LICENSES.md`,
      );
  }
  return problems;
}
