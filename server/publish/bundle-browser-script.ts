import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/** Bundles by entry, built once per process: the sources under assets/ do not change while Kindly runs. */
const bundles = new Map<string, Promise<string>>();

/**
 * One browser script of assets/ (e.g. `assets/site/track.ts`) as one file: TypeScript (with the
 * code it shares with the server) bundled, minified, for the browsers of the last few years.
 */
export function bundleBrowserScript(options: { entry: string }): Promise<string> {
  const cached = bundles.get(options.entry);
  if (cached) return cached;
  const bundle = buildScript(path.join(root, options.entry));
  bundles.set(options.entry, bundle);
  // A failed build is not kept, so the next request tries again.
  bundle.catch(() => bundles.delete(options.entry));
  return bundle;
}

async function buildScript(entry: string): Promise<string> {
  const result = await build({
    entryPoints: [entry],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: 'es2022',
    minify: true,
    legalComments: 'none',
    logLevel: 'silent',
  });
  const output = result.outputFiles[0];
  if (!output) throw new Error(`esbuild produced nothing for ${entry}`);
  return output.text;
}
