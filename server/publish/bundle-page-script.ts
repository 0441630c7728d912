import { build } from 'esbuild';

/**
 * The page's interactive script as one file: TypeScript (the plan and payload code shared with
 * the server included) bundled, minified, for the browsers of the last few years.
 */
export async function bundlePageScript(options: { entry: string }): Promise<string> {
  const result = await build({
    entryPoints: [options.entry],
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
  if (!output) throw new Error(`esbuild produced nothing for ${options.entry}`);
  return output.text;
}
