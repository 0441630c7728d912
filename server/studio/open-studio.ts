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
    /** A real recipient's page (an operator's preview, its poster an example's): removed after `personalPreviewMinutes`. */
    personal?: boolean;
  }) => Promise<string>;
  /** The poster still of a preview page once rendered; undefined for a page the studio no longer keeps. */
  getPoster: (id: string) => Promise<string | undefined>;
  stills: StillRenderer;
  close: () => Promise<void>;
};

/** Preview pages kept of each kind (example data, real recipients): older ones go as new ones are made. */
const keptPreviews = 40;
/** How long a preview of a real recipient's page stays: long enough to look at it, and no longer kept. */
export const personalPreviewMinutes = 30;

type KeptPreview = { id: string; posterKey: string; personal: boolean; expires: number };

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
  const previews: KeptPreview[] = [];
  const stills = openStillRenderer({ dir: path.join(root, 'stills'), browserExecutable: options.browserExecutable });
  const forget = async (gone: KeptPreview[]) => {
    for (const preview of gone) {
      const at = previews.indexOf(preview);
      if (at === -1) continue;
      previews.splice(at, 1);
      await fs.rm(path.join(siteDir, 'r', preview.id), { recursive: true, force: true });
    }
  };
  const forgetExpired = () => forget(previews.filter((preview) => preview.expires <= Date.now()));
  const sweeper = setInterval(() => void forgetExpired().catch(() => undefined), 60_000);
  sweeper.unref();
  return {
    siteDir,
    getAssets,
    writePreviewPage: async ({ template, props, trackBase, poster, brand, planRules, personal = false }) => {
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
      const expires = personal ? Date.now() + personalPreviewMinutes * 60_000 : Infinity;
      previews.push({ id, posterKey: poster.key, personal, expires });
      const sameKind = previews.filter((preview) => preview.personal === personal);
      await forget(sameKind.slice(0, Math.max(0, sameKind.length - keptPreviews)));
      await forgetExpired();
      return `r/${id}/`;
    },
    getPoster: async (id) => {
      const preview = previews.find((each) => each.id === id && each.expires > Date.now());
      return preview && stills.get(preview.posterKey);
    },
    stills,
    close: async () => {
      clearInterval(sweeper);
      await forget(previews.filter((preview) => preview.personal)).catch(() => undefined);
      await stills.close();
    },
  };
}
