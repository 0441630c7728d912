import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { bundle } from '@remotion/bundler';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles the compositions (all templates) once; returns the serve URL renders load. */
export async function makeBundle(options: { onProgress?: (percent: number) => void } = {}): Promise<string> {
  return bundle({
    entryPoint: path.join(root, 'compositions/index.ts'),
    publicDir: path.join(root, 'assets'),
    rspack: true,
    onProgress: options.onProgress ?? (() => undefined),
  });
}
