import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import type { PlanRules } from '../../templates/interactive/compute-plans.ts';
import { getInteractiveCopy } from '../../templates/interactive/interactive-copy.ts';
import { makePayloadSecret, sealPayload } from '../../templates/interactive/payload-crypto.ts';
import type { PageData } from '../../templates/interactive/personal-payload.ts';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { KindlyError } from '../errors.ts';
import { makePersonalPayload } from './make-personal-payload.ts';

/** Public paths of the shared, content-hashed page assets, relative to the site root (e.g. `assets/site.1a2b3c.css`). */
export type SiteAssets = { css: string; script: string; interactive: string; logo: string };

/** A JSON text safe inside a `<script>` element: no `<`, so no `</script>` and no `<!--`. */
export const toScriptJson = (value: unknown) => JSON.stringify(value).replace(/</g, '\\u003c').replace(/\u2028/g, '\\u2028').replace(/\u2029/g, '\\u2029');

/**
 * The static HTML of one recipient's page. It lives at `r/<token>/`, links shared assets
 * relatively (so any base path works) and sends events and clicks to `trackBase`. The HTML is
 * neutral; the personal part is sealed in it (see payload-crypto.ts) and opened in the browser.
 * With a privacy gate the key also needs the visitor's answer and the API's `gateShare`.
 */
export async function makeMicrosite(options: {
  template: TemplateDefinition;
  record: BaseRecord;
  token: string;
  trackBase: string;
  assets: SiteAssets;
  planRules?: Partial<PlanRules>;
  gate?: { field: string; share: string };
}): Promise<string> {
  const { template, record, token, trackBase, gate } = options;
  const payload = makePersonalPayload({ template, record, planRules: options.planRules });
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
    links: { pay: `${trackBase}/t/c/${token}/pay`, gate: `${trackBase}/t/g/${token}`, forms: `${trackBase}/t/f/${token}`, survey: `${trackBase}/t/s/${token}`, track: `${trackBase}/t` },
    media: { video: 'video.mp4', poster: 'poster.jpg', captions: 'captions.vtt', captionsLanguage: copy.captionsLabel },
  };
  const fromPage = (sitePath: string) => `../../${sitePath}`;
  const page = createElement(template.page, {
    lang: record.locale,
    pageTitle: copy.pageTitle,
    shell: {
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
      css: fromPage(options.assets.css),
      script: fromPage(options.assets.script),
      interactive: fromPage(options.assets.interactive),
      logo: fromPage(options.assets.logo),
    },
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
