import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Branded } from '../../templates/brand/branded.ts';
import type { BaseRecord, PlaybackMode, TemplateDefinition } from '../../templates/template-definition.ts';
import { playerStyleHash } from './player-style-hash.ts';

/** The live player's files: its bundle, the script mounting it, and the folder of the compositions' static files. */
export type PlayerAssets = { bundle: string; mount: string; staticBase: string };

/**
 * Public paths of the shared, content-hashed page assets, relative to the site root (e.g.
 * `assets/site.1a2b3c.css`); with a brand kit, its stylesheet and logo (empty: no logo).
 */
export type SiteAssets = { css: string; script: string; logo: string; brand?: string; cjkFonts?: string; player?: PlayerAssets };

/** Han, kana, CJK punctuation and full-width forms: text that needs the Chinese font. */
const cjkText = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/**
 * The static HTML of one recipient's page. It lives at `r/<token>/`, links shared assets
 * relatively (so any base path works) and sends events and clicks to `trackBase`. With playback
 * `live` there is no MP4 (the player plays the composition); with `both` the MP4 is the fallback.
 */
export function makeMicrosite(options: {
  template: TemplateDefinition;
  record: BaseRecord;
  token: string;
  trackBase: string;
  assets: SiteAssets;
  playback?: PlaybackMode;
}): string {
  const { template, token, trackBase, assets } = options;
  const playback = options.playback ?? 'rendered';
  const content = template.getPageContent(options.record);
  const fromPage = (sitePath: string) => `../../${sitePath}`;
  const live = playback === 'rendered' ? undefined : makeLiveProps({ mode: playback, template, record: options.record, assets, fromPage });
  const page = createElement(template.page, {
    lang: options.record.locale,
    ...content,
    token,
    links: {
      pay: `${trackBase}/t/c/${token}/pay`,
      plan: template.ctas.includes('plan') ? `${trackBase}/t/c/${token}/plan` : undefined,
      optOut: `${trackBase}/t/o/${token}`,
      track: `${trackBase}/t`,
    },
    media: { video: playback === 'live' ? undefined : 'video.mp4', poster: 'poster.jpg', captions: 'captions.vtt' },
    assets: {
      css: fromPage(assets.css),
      script: fromPage(assets.script),
      logo: assets.logo ? fromPage(assets.logo) : '',
      brand: assets.brand ? fromPage(assets.brand) : undefined,
      cjkFonts: assets.cjkFonts && (options.record.locale.startsWith('zh') || cjkText.test(JSON.stringify(content))) ? fromPage(assets.cjkFonts) : undefined,
    },
    payProvider: (options.record as Branded<BaseRecord>).brand?.payProviderLabel,
    contentSecurityPolicy: makeContentSecurityPolicy({ trackBase, livePlayer: Boolean(live) }),
    live,
  });
  return `<!doctype html>${renderToStaticMarkup(page)}`;
}

function makeLiveProps(options: { mode: 'live' | 'both'; template: TemplateDefinition; record: BaseRecord; assets: SiteAssets; fromPage: (sitePath: string) => string }) {
  const player = options.assets.player;
  if (!player) throw new Error(`Playback "${options.mode}" needs the live player's assets; publish them with publishSiteAssets`);
  return {
    mode: options.mode,
    templateId: options.template.id,
    // Until the page's personal payload announces the record (kindly:personal), the player reads it here.
    props: JSON.stringify(options.record),
    bundle: options.fromPage(player.bundle),
    mount: options.fromPage(player.mount),
    staticBase: options.fromPage(player.staticBase),
  };
}

/**
 * Only the site itself and the tracking origin: a page never calls a third party. With the live
 * player, also its one stylesheet (by hash) and `data:` media (the silent clips it uses to unlock
 * audio on phones) — neither leaves the page.
 */
export function makeContentSecurityPolicy(options: { trackBase?: string; livePlayer?: boolean }): string {
  const track = options.trackBase ? ` ${new URL(options.trackBase).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${options.livePlayer ? ` ${playerStyleHash}` : ''}`,
    "img-src 'self'",
    `media-src 'self'${options.livePlayer ? ' data:' : ''}`,
    "font-src 'self'",
    `connect-src 'self'${track}`,
    `form-action 'self'${track}`,
    "base-uri 'none'",
  ].join('; ');
}
