import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

/**
 * Bundles the fit page with the compositions of `componentsModule` (default: every template's)
 * into `outDir`: `fit.js`, `fit.css` (the shipped @font-face rules) and the font files.
 */
export async function makeFitBundle(options: { outDir: string; componentsModule?: string }): Promise<void> {
  const componentsModule = options.componentsModule ?? path.join(root, 'compositions/components.ts');
  const page = path.join(root, 'server/check/fit-page.tsx');
  await build({
    stdin: {
      contents: `import { components } from ${JSON.stringify(componentsModule)};\nimport { mountFitPage } from ${JSON.stringify(page)};\nmountFitPage(components);\n`,
      resolveDir: root,
      loader: 'ts',
      sourcefile: 'fit-entry.ts',
    },
    bundle: true,
    outdir: options.outDir,
    entryNames: 'fit',
    assetNames: '[name]',
    format: 'esm',
    platform: 'browser',
    jsx: 'automatic',
    loader: { '.woff2': 'file', '.woff': 'file' },
    define: { 'process.env.NODE_ENV': '"production"' },
    logLevel: 'silent',
  });
}
