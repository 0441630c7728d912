import fs from 'node:fs/promises';
import path from 'node:path';
import { describe, expect, it } from 'vitest';
import { bundleBrowserScript } from '../server/publish/bundle-browser-script.ts';

const root = path.join(import.meta.dirname, '..');

/** Every script a browser loads from Kindly, by the file it is bundled from. */
const entries = [
  'assets/site/track.ts',
  'assets/site/live-player.ts',
  'assets/site/interactive/main.ts',
  'assets/admin/dashboard.ts',
  'assets/studio/studio.ts',
];

describe('browser scripts', () => {
  it('are TypeScript only: no JavaScript source is left under assets/', async () => {
    const files = await fs.readdir(path.join(root, 'assets'), { recursive: true });
    expect(files.filter((file) => /\.(c|m)?js$/.test(file))).toEqual([]);
  });

  it.each(entries)('%s bundles to one script that names no other origin', async (entry) => {
    const script = await bundleBrowserScript({ entry });
    expect(script.length).toBeGreaterThan(200);
    expect(script).not.toMatch(/\bimport\s*\(|\brequire\s*\(/);
    // The SVG namespace is a name, never fetched; any other address would be a call to a third party.
    const addresses = [...script.matchAll(/(?:https?:)?\/\/[a-z0-9.-]+\.[a-z]{2,}/gi)].map((match) => match[0]);
    expect(addresses.filter((address) => address !== 'http://www.w3.org')).toEqual([]);
  });

  it('builds each bundle once per process', async () => {
    const first = bundleBrowserScript({ entry: 'assets/site/track.ts' });
    expect(bundleBrowserScript({ entry: 'assets/site/track.ts' })).toBe(first);
    expect(await first).toContain('/e');
  });
});
