import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Branded } from '../../templates/brand/branded.ts';
import { referenceCreditor } from '../../templates/brand/creditor.ts';
import type { PlanRulesOverride } from '../../templates/interactive/plan-rules.ts';
import { getInteractiveCopy } from '../../templates/interactive/interactive-copy.ts';
import { getTrustCopy } from '../../templates/pages/trust-copy.ts';
import { makePayloadSecret, sealPayload } from '../../templates/interactive/payload-crypto.ts';
import type { PageData } from '../../templates/interactive/personal-payload.ts';
import type { BaseRecord, PlaybackMode, TemplateDefinition } from '../../templates/template-definition.ts';
import type { VideoDelivery } from '../../templates/template-definition.ts';
import { KindlyError } from '../errors.ts';
import { getMediaFolder, getMediaNames } from '../publish/publish-recipient.ts';
import { makePersonalPayload } from './make-personal-payload.ts';
import { playerStyleHash } from './player-style-hash.ts';

/** The live player's files: its bundle, the script mounting it, and the folder of the compositions' static files. */
export type PlayerAssets = { bundle: string; mount: string; staticBase: string };

/**
 * Public paths of the shared, content-hashed page assets, relative to the site root (e.g.
 * `assets/site.1a2b3c.css`); with a brand kit, its stylesheet and logo (empty: no logo).
 */
export type SiteAssets = {
  css: string;
  script: string;
  interactive: string;
  logo: string;
  favicon?: string;
  brand?: string;
  cjkFonts?: string;
  player?: PlayerAssets;
  /** hls.js, for pages playing HLS in browsers without native HLS. */
  hls?: string;
};

/** Han, kana, CJK punctuation and full-width forms: text that needs the Chinese font. */
const cjkText = /[\u2e80-\u9fff\uf900-\ufaff\uff00-\uffef]/;

/** A JSON text safe inside a `<script>` element: no `<`, so no `</script>` and no `<!--`. */
export const toScriptJson = (value: unknown) =>
  JSON.stringify(value)
    .replace(/</g, '\\u003c')
    .replace(/\u2028/g, '\\u2028')
    .replace(/\u2029/g, '\\u2029');

/**
 * The static HTML of one recipient's page. It lives at `r/<token>/`, links shared assets
 * relatively (so any base path works) and sends events and clicks to `trackBase`. The HTML is
 * neutral; the personal part is sealed in it (see payload-crypto.ts) and opened in the browser,
 * media names included. With a privacy gate the key also needs the visitor's answer and the API's
 * `gateShare`, and the media sit in a folder only the sealed part names (see getMediaFolder). With
 * playback `live` there is no MP4 (the player plays the composition); with `both` the MP4 is the fallback.
 * `poster`: the site path of a shared poster (a live page's neutral one) instead of the recipient's own.
 */
export async function makeMicrosite(options: {
  template: TemplateDefinition;
  record: BaseRecord;
  token: string;
  trackBase: string;
  assets: SiteAssets;
  playback?: PlaybackMode;
  planRules?: PlanRulesOverride;
  gate?: { field: string; share: string };
  poster?: string;
  /** How the video is delivered (default mp4); `hls` names the recipient's playlist instead of the MP4. */
  video?: VideoDelivery;
}): Promise<string> {
  const { template, record, token, trackBase, gate, assets } = options;
  const playback = options.playback ?? 'rendered';
  const names = getMediaNames({ folder: getMediaFolder({ gateShare: gate?.share }) });
  const fromPage = (sitePath: string) => `../../${sitePath}`;
  const hls = options.video === 'hls' && playback !== 'live';
  const media = {
    video: playback === 'live' ? undefined : hls ? names.stream : names.video,
    poster: options.poster ? fromPage(options.poster) : names.poster,
    captions: names.captions,
    ...(hls ? { hls: true } : {}),
  };
  if (hls && !assets.hls)
    throw new Error('HLS delivery needs hls.js among the site assets; publish them with publishSiteAssets');
  const payload = makePersonalPayload({ template, record, planRules: options.planRules, media });
  const { copy } = payload.content;
  const shellCopy = getInteractiveCopy(record.locale);
  const answer = gate ? (record as BaseRecord & Record<string, unknown>)[gate.field] : undefined;
  if (gate && (answer === undefined || answer === null || String(answer).trim() === '')) {
    throw new KindlyError({
      problem: `The campaign's privacy gate asks for ${gate.field}, but this record has none`,
      value: record.id,
      fix: `Fill in ${gate.field} for every record, or create the campaign without privacyGate`,
    });
  }
  const secret = makePayloadSecret({ token, gate: gate && { answer: String(answer), share: gate.share } });
  const data: PageData = {
    sealed: await sealPayload({ payload, secret }),
    gate: gate && { field: gate.field },
    links: {
      pay: `${trackBase}/t/c/${token}/pay`,
      gate: `${trackBase}/t/g/${token}`,
      forms: `${trackBase}/t/f/${token}`,
      survey: `${trackBase}/t/s/${token}`,
      track: `${trackBase}/t`,
    },
    ...(hls && assets.hls ? { hlsScript: fromPage(assets.hls) } : {}),
  };
  const live = playback === 'rendered' ? undefined : makeLiveProps({ mode: playback, template, assets, fromPage });
  const brand = (record as Branded<BaseRecord>).brand;
  // A brand's own logo is its tab icon; otherwise Kindly's, never another creditor's.
  const favicon = brand?.logo && assets.logo ? assets.logo : assets.favicon;
  const page = createElement(template.page, {
    lang: record.locale,
    pageTitle: copy.pageTitle,
    shell: {
      videoLabel: copy.videoLabel,
      loading: shellCopy.loading,
      noScript: shellCopy.noScript,
      gateLead: shellCopy.gateLead,
      gateLabel: gate ? (shellCopy.gateFields[gate.field] ?? gate.field) : '',
      gateSubmit: shellCopy.gateSubmit,
      gateWrong: shellCopy.gateWrong,
      gateLocked: shellCopy.gateLocked,
      optOut: copy.optOut,
      footer: copy.footer,
    },
    token,
    gated: Boolean(gate),
    links: { optOut: `${trackBase}/t/o/${token}`, track: `${trackBase}/t` },
    dataJson: toScriptJson(data),
    assets: {
      css: fromPage(assets.css),
      script: fromPage(assets.script),
      interactive: fromPage(assets.interactive),
      logo: assets.logo ? fromPage(assets.logo) : '',
      favicon: favicon ? fromPage(favicon) : undefined,
      brand: assets.brand ? fromPage(assets.brand) : undefined,
      // Chinese text is in the sealed part: the locale decides (a name in Han script in another locale falls back to the phone's fonts).
      cjkFonts:
        assets.cjkFonts && (record.locale.startsWith('zh') || cjkText.test(copy.pageTitle))
          ? fromPage(assets.cjkFonts)
          : undefined,
    },
    payProvider: brand?.payProviderLabel,
    // Without a kit the reference templates speak for their made-up creditor, Aurora Energia.
    creditor: brand ? brand.creditor : referenceCreditor,
    trust: getTrustCopy(record.locale),
    // Its address is set from the sealed part, like the video's.
    // An HLS playlist is no file to download.
    download: playback === 'both' && !hls ? { label: copy.downloadVideo } : undefined,
    contentSecurityPolicy: makeContentSecurityPolicy({ trackBase, livePlayer: Boolean(live), hls }),
    live,
  });
  return `<!doctype html>${renderToStaticMarkup(page)}`;
}

/** The player's files; it plays the record the page's script opens (the kindly:personal event), never one in the HTML. */
function makeLiveProps(options: {
  mode: 'live' | 'both';
  template: TemplateDefinition;
  assets: SiteAssets;
  fromPage: (sitePath: string) => string;
}) {
  const player = options.assets.player;
  if (!player)
    throw new Error(`Playback "${options.mode}" needs the live player's assets; publish them with publishSiteAssets`);
  return {
    mode: options.mode,
    templateId: options.template.id,
    bundle: options.fromPage(player.bundle),
    mount: options.fromPage(player.mount),
    staticBase: options.fromPage(player.staticBase),
  };
}

/**
 * Only the site itself and the tracking origin: a page never calls a third party. With the live
 * player, also its one stylesheet (by hash) and `data:` media (the silent clips it uses to unlock
 * audio on phones) — neither leaves the page. With HLS, `blob:` media: hls.js feeds the segments it
 * fetched (same origin) to the video through Media Source Extensions, whose object URL is a
 * `blob:` URL the page itself made; and `data:` media: hls.js gives the text track it fills with
 * the subtitles rendition's cues an empty `data:,WEBVTT` source. hls.js runs without its worker
 * (see play-stream.ts), so no `worker-src blob:` is needed.
 */
export function makeContentSecurityPolicy(options: {
  trackBase?: string;
  livePlayer?: boolean;
  hls?: boolean;
}): string {
  const track = options.trackBase ? ` ${new URL(options.trackBase).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    `style-src 'self'${options.livePlayer ? ` ${playerStyleHash}` : ''}`,
    "img-src 'self'",
    `media-src 'self'${options.livePlayer || options.hls ? ' data:' : ''}${options.hls ? ' blob:' : ''}`,
    "font-src 'self'",
    `connect-src 'self'${track}`,
    `form-action 'self'${track}`,
    "base-uri 'none'",
  ].join('; ');
}
