import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build, type Plugin } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Left out of the bundle: the fonts' stylesheets the compositions import (on the site, the page's
 * stylesheet declares the same faces) and zod's translated error messages (~260 kB; the player
 * reports problems in English, as the rest of zod does by default).
 */
const leaveOut: Plugin = {
  name: 'leave-out',
  setup(builder) {
    builder.onResolve({ filter: /\.css$|\/locales\/index\.js$/ }, (args) => {
      const wanted = args.path.endsWith('.css') || args.importer.includes(`${path.sep}zod${path.sep}`);
      return wanted ? { path: args.path, namespace: 'left-out' } : undefined;
    });
    builder.onLoad({ filter: /.*/, namespace: 'left-out' }, () => ({ contents: '', loader: 'js' }));
  },
};

let built: Promise<string> | undefined;

/**
 * The live player's browser bundle (React, Remotion's player and every template's composition),
 * minified, built once per process. See compositions/player/mount-player.tsx for its API.
 */
export function buildPlayerBundle(): Promise<string> {
  built ??= build({
    entryPoints: [path.join(root, 'compositions/player/mount-player.tsx')],
    bundle: true,
    write: false,
    format: 'iife',
    platform: 'browser',
    target: ['es2020'],
    minify: true,
    legalComments: 'none',
    jsx: 'automatic',
    define: { 'process.env.NODE_ENV': '"production"' },
    plugins: [leaveOut],
    logLevel: 'silent',
  }).then(
    (result) => result.outputFiles[0]?.text ?? '',
    (error: unknown) => {
      built = undefined;
      throw error;
    },
  );
  return built;
}
