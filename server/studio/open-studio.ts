import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import type { BrandKit } from '../../templates/brand/brand-kit.ts';
import type { PlanRulesOverride } from '../../templates/interactive/plan-rules.ts';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { openLocalPublisher } from '../publish/open-local-publisher.ts';
import { publishBrandAssets } from '../publish/publish-brand-assets.ts';
import { publishSiteAssets } from '../publish/publish-site-assets.ts';
import { makeMicrosite, type SiteAssets } from '../render/make-microsite.ts';
import { openStillRenderer, type StillRenderer, type StillRequest } from './open-still-renderer.ts';

/** Where the studio keeps its work: its own preview site and still cache under `dataDir/studio`. */
export type StudioOptions = { dataDir: string; browserExecutable?: string };

/** The studio's state: the preview site (shared assets and preview pages) and the still renderer. */
export type Studio = {
  siteDir: string;
  getAssets: () => Promise<SiteAssets>;
  /**
   * Writes a preview page for these props (the composition played live, with its captions, and
   * `poster` as its poster once rendered), in a campaign's brand kit and plan rules when given;
   * returns its path under the preview site (`r/<id>/`).
   */
  writePreviewPage: (options: {
    template: TemplateDefinition;
    props: BaseRecord;
    trackBase: string;
    poster: StillRequest;
    brand?: BrandKit;
    planRules?: PlanRulesOverride;
  }) => Promise<string>;
  /** The poster still of a preview page once rendered; undefined for a page the studio no longer keeps. */
  getPoster: (id: string) => Promise<string | undefined>;
  stills: StillRenderer;
  close: () => Promise<void>;
};

/** Preview pages kept: older ones are removed as new ones are made. */
const keptPreviews = 40;

export function openStudio(options: StudioOptions): Studio {
  const root = path.join(options.dataDir, 'studio');
  const siteDir = path.join(root, 'site');
  const publisher = openLocalPublisher({ root: siteDir });
  let assets: Promise<SiteAssets> | undefined;
  const getAssets = () => {
    assets ??= publishSiteAssets({ publisher }).catch((error: unknown) => {
      assets = undefined;
      throw error;
    });
    return assets;
  };
  const previews: string[] = [];
  const posters = new Map<string, string>();
  const stills = openStillRenderer({ dir: path.join(root, 'stills'), browserExecutable: options.browserExecutable });
  return {
    siteDir,
    getAssets,
    writePreviewPage: async ({ template, props, trackBase, poster, brand, planRules }) => {
      // 128 random bits, like a personal link: the page is reachable only by whoever asked for it.
      const id = crypto.randomBytes(16).toString('base64url');
      // No MP4 exists while editing: the page plays the composition live, as a `live` campaign's page does.
      const html = await makeMicrosite({
        template,
        record: props,
        token: id,
        trackBase,
        assets: brand
          ? { ...(await getAssets()), ...(await publishBrandAssets({ publisher, brand })) }
          : await getAssets(),
        playback: 'live',
        planRules,
      });
      await publisher.put({
        key: `r/${id}/index.html`,
        body: html,
        contentType: 'text/html; charset=utf-8',
        cacheControl: 'no-store',
      });
      previews.push(id);
      posters.set(id, poster.key);
      for (const old of previews.splice(0, Math.max(0, previews.length - keptPreviews))) {
        posters.delete(old);
        await fs.rm(path.join(siteDir, 'r', old), { recursive: true, force: true });
      }
      return `r/${id}/`;
    },
    getPoster: async (id) => {
      const key = posters.get(id);
      return key === undefined ? undefined : stills.get(key);
    },
    stills,
    close: () => stills.close(),
  };
}
