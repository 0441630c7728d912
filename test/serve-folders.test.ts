import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { serveFolders } from '../server/serve-folders.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

describe('serveFolders', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeAll(async () => {
    temp = await makeTempDir('serve-folders');
    await fs.mkdir(path.join(temp.dir, 'bundle'));
    await fs.writeFile(path.join(temp.dir, 'bundle', 'bundle.js'), 'window.ready = true;');
    await fs.writeFile(path.join(temp.dir, 'secret.txt'), 'outside');
  });
  afterAll(async () => {
    await temp.remove();
  });

  it('lets browsers keep an immutable bundle, and answers nothing outside its folders', async () => {
    const served = await serveFolders({ folders: [path.join(temp.dir, 'bundle')], immutable: true });
    try {
      const script = await fetch(`${served.url}/bundle.js`);
      expect(script.status).toBe(200);
      expect(script.headers.get('content-type')).toBe('text/javascript');
      expect(script.headers.get('cache-control')).toBe('public, max-age=31536000, immutable');
      expect(await script.text()).toBe('window.ready = true;');
      expect((await fetch(`${served.url}/%2e%2e/secret.txt`)).status).toBe(404);
      expect((await fetch(`${served.url}/missing.js`)).status).toBe(404);
      expect((await fetch(`${served.url}/%E0%A4%A.js`)).status).toBe(400);
      expect((await fetch(`${served.url}/bundle.js`)).status).toBe(200);
    } finally {
      await served.close();
    }
  });

  it('asks for no caching unless told the folders never change', async () => {
    const served = await serveFolders({ folders: [path.join(temp.dir, 'bundle')] });
    try {
      expect((await fetch(`${served.url}/bundle.js`)).headers.get('cache-control')).toBeNull();
    } finally {
      await served.close();
    }
  });
});
