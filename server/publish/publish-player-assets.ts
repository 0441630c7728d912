import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildPlayerBundle } from '../render/build-player-bundle.ts';
import type { PlayerAssets } from '../render/make-microsite.ts';
import { bundleBrowserScript } from './bundle-browser-script.ts';
import { cacheControl, type Publisher } from './publisher.ts';
import { hashContent, putHashed } from './put-hashed.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** The compositions' static files (`staticFile(...)`): everything in assets/ but the browser code's folders (page, studio, dashboard, shared). */
const staticRoot = path.join(root, 'assets');
const notStatic = new Set(['site', 'studio', 'admin', 'shared', 'LICENSES.md']);

const contentTypes: Record<string, string> = {
  '.m4a': 'audio/mp4',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.webp': 'image/webp',
  '.mp3': 'audio/mpeg',
  '.woff2': 'font/woff2',
};

/**
 * Publishes what the live player needs: its bundle, the small script that mounts it on a page,
 * and the compositions' static files under one content-hashed folder (`assets/static.<hash>/`),
 * so `staticFile('audio/…')` resolves on the site itself and a changed file means a new folder.
 */
export async function publishPlayerAssets(options: { publisher: Publisher }): Promise<PlayerAssets> {
  const { publisher } = options;
  const files = (await fs.readdir(staticRoot, { recursive: true, withFileTypes: true }))
    .filter((entry) => entry.isFile())
    .map((entry) => path.relative(staticRoot, path.join(entry.parentPath, entry.name)))
    .filter((file) => !notStatic.has(file.split(path.sep)[0] ?? ''))
    .sort();
  const bodies = await Promise.all(files.map((file) => fs.readFile(path.join(staticRoot, file))));
  const folderHash = hashContent(
    Buffer.concat(
      files.flatMap((file, index) => [
        Buffer.from(`${file}\n${bodies[index]?.length}\n`),
        bodies[index] ?? Buffer.alloc(0),
      ]),
    ),
  );
  const staticBase = `assets/static.${folderHash}`;
  for (const [index, file] of files.entries()) {
    const key = `${staticBase}/${file.split(path.sep).join('/')}`;
    const contentType = contentTypes[path.extname(file)] ?? 'application/octet-stream';
    if (!(await publisher.has({ key })))
      await publisher.put({
        key,
        body: bodies[index] ?? Buffer.alloc(0),
        contentType,
        cacheControl: cacheControl.immutable,
      });
  }
  return {
    bundle: await putHashed({
      publisher,
      name: 'player.js',
      body: await buildPlayerBundle(),
      contentType: 'text/javascript; charset=utf-8',
    }),
    mount: await putHashed({
      publisher,
      name: 'live-player.js',
      body: await bundleBrowserScript({ entry: 'assets/site/live-player.ts' }),
      contentType: 'text/javascript; charset=utf-8',
    }),
    staticBase,
  };
}
