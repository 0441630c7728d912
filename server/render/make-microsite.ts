import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { Branded } from '../../templates/brand/branded.ts';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';

/**
 * Public paths of the shared, content-hashed page assets, relative to the site root (e.g.
 * `assets/site.1a2b3c.css`); with a brand kit, its stylesheet and logo (empty: no logo).
 */
export type SiteAssets = { css: string; script: string; logo: string; brand?: string };

/**
 * The static HTML of one recipient's page. It lives at `r/<token>/`, links shared assets
 * relatively (so any base path works) and sends events and clicks to `trackBase`.
 */
export function makeMicrosite(options: {
  template: TemplateDefinition;
  record: BaseRecord;
  token: string;
  trackBase: string;
  assets: SiteAssets;
}): string {
  const { template, token, trackBase } = options;
  const content = template.getPageContent(options.record);
  const fromPage = (sitePath: string) => `../../${sitePath}`;
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
    media: { video: 'video.mp4', poster: 'poster.jpg', captions: 'captions.vtt' },
    assets: {
      css: fromPage(options.assets.css),
      script: fromPage(options.assets.script),
      logo: options.assets.logo ? fromPage(options.assets.logo) : '',
      brand: options.assets.brand ? fromPage(options.assets.brand) : undefined,
    },
    payProvider: (options.record as Branded<BaseRecord>).brand?.payProviderLabel,
    contentSecurityPolicy: makeContentSecurityPolicy({ trackBase }),
  });
  return `<!doctype html>${renderToStaticMarkup(page)}`;
}

/** Only the site itself and the tracking origin: a page never calls a third party. */
export function makeContentSecurityPolicy(options: { trackBase?: string }): string {
  const track = options.trackBase ? ` ${new URL(options.trackBase).origin}` : '';
  return [
    "default-src 'none'",
    "script-src 'self'",
    "style-src 'self'",
    "img-src 'self'",
    "media-src 'self'",
    "font-src 'self'",
    `connect-src 'self'${track}`,
    `form-action 'self'${track}`,
    "base-uri 'none'",
  ].join('; ');
}
