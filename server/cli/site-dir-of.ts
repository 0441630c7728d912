import path from 'node:path';

/** Where a campaign's files go: the site (CDN origin) and, beside it, the operator's files. */
export const siteDirOf = (outDir: string) => path.join(outDir, 'site');
