import fs from 'node:fs/promises';
import path from 'node:path';

/**
 * The site path of a published shared asset (`assets/<name>.<12 hex>.<extension>`) in the local
 * CDN folder, for the server's own pages (opt-out, demo checkout); undefined without one.
 */
export async function findSiteAsset(options: {
  siteDir: string | undefined;
  name: string;
  extension: string;
}): Promise<string | undefined> {
  if (!options.siteDir) return undefined;
  const names = await fs.readdir(path.join(options.siteDir, 'assets')).catch(() => [] as string[]);
  const pattern = new RegExp(
    `^${options.name.replace(/[.*+?^${}()|[\]\\-]/g, '\\$&')}\\.[0-9a-f]{12}\\.${options.extension}$`,
  );
  const found = names.find((name) => pattern.test(name));
  return found && `assets/${found}`;
}
