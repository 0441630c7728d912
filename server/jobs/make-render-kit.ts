import path from 'node:path';
import { publishSiteAssets } from '../publish/publish-site-assets.ts';
import type { S3Config } from '../config.ts';
import type { Publisher } from '../publish/publisher.ts';
import type { SiteAssets } from '../render/make-microsite.ts';
import { openSegmentCache } from '../render/open-segment-cache.ts';
import { makeNeutralMediaMemo, type GetTemplateNeutralMedia } from './make-neutral-media-memo.ts';
import { makeRendererPool, type RendererPool } from './renderer-pool.ts';
import { makeSharedWarmer, type SharedWarmer } from './make-shared-warmer.ts';

/**
 * What a process that renders needs: a renderer pool, the site assets and neutral media (published
 * once), the shared segments made ahead for campaigns rendering on open, a work folder.
 */
export type RenderKit = {
  pool: RendererPool;
  getAssets: () => Promise<SiteAssets>;
  getNeutralMedia: GetTemplateNeutralMedia;
  /** Without it nothing is made ahead: the first render on open of each look makes its shared segments. */
  warmer?: SharedWarmer;
  workRoot: string;
};

/** A process's render kit; `close` stops its warm-ups and closes its renderers. */
export function makeRenderKit(options: {
  publisher: Publisher;
  dataDir: string;
  browserExecutable: string | undefined;
  frameConcurrency?: number;
  /** Recipients the process renders at once: its renderers draw as many chunks at once. */
  rendersInFlight?: number;
  recycleEvery?: number;
  /** A private bucket shared by all workers for rendered segments; without it, a folder in `dataDir`. */
  segmentStore?: S3Config;
}): RenderKit & { warmer: SharedWarmer; close: () => Promise<void> } {
  const pool = makeRendererPool({
    browserExecutable: options.browserExecutable,
    frameConcurrency: options.frameConcurrency,
    chunksInFlight: options.rendersInFlight,
    recycleEvery: options.recycleEvery,
    segmentCache: openSegmentCache({ dataDir: options.dataDir, segmentStore: options.segmentStore }),
  });
  let assets: Promise<SiteAssets> | undefined;
  const getAssets = () => {
    // A failure (the bucket briefly away) must not stick: the next render tries again.
    assets ??= publishSiteAssets({ publisher: options.publisher }).catch((error: unknown) => {
      assets = undefined;
      throw error;
    });
    return assets;
  };
  const workRoot = path.join(options.dataDir, 'work');
  const getNeutralMedia = makeNeutralMediaMemo({ pool, publisher: options.publisher, workRoot });
  const warmer = makeSharedWarmer({ pool });
  const close = async () => {
    warmer.stop();
    await pool.close();
  };
  return { pool, getAssets, getNeutralMedia, warmer, workRoot, close };
}
