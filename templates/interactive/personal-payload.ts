import type { PageContent } from '../pages/page-props.ts';
import type { PlanRules } from './plan-rules.ts';
import type { FormCopy } from './form-copy.ts';
import type { InteractiveCopy } from './interactive-copy.ts';
import type { HotspotAction, SurveySpec } from './interactive-types.ts';
import type { SealedPayload } from './payload-crypto.ts';

/** A hotspot as the page uses it: seconds (`untilEnd`: it stays once the video has ended), its label in the recipient's language. */
export type PageHotspot = {
  id: string;
  action: HotspotAction;
  from: number;
  to: number;
  untilEnd: boolean;
  label: string;
  seekTo?: number;
};

/** The interactive parts of a page for one recipient. */
export type InteractivePage = {
  locale: string;
  /** The amount owed in major units and its currency, for the plan selector; absent when the template has none. */
  amount: number | undefined;
  currency: string;
  /** The debt's due date (`YYYY-MM-DD`): no plan's first instalment falls before it while it is ahead. */
  dueDate?: string;
  planRules: PlanRules;
  hotspots: PageHotspot[];
  chapters: { id: string; from: number; title: string }[];
  survey: SurveySpec | undefined;
  invoiceUrl: string | undefined;
  copy: InteractiveCopy;
  /** The forms' messages and thanks in the recipient's language. */
  formCopy: FormCopy;
};

/**
 * Where a page's media are, relative to the page: sealed, since behind a gate their names are
 * the only thing keeping them from anyone who has the link. `video` is absent when the page plays
 * the composition live only (no MP4).
 */
export type PayloadMedia = {
  video: string | undefined;
  poster: string;
  captions: string;
  captionsLanguage: string;
  /** `video` is an HLS playlist (played natively where the browser can, else with the site's hls.js). */
  hls?: boolean;
};

/**
 * What a page decrypts (and announces with the `kindly:personal` event): the record, the page
 * content for it, its interactive parts and where its media are.
 */
export type PersonalPayload = {
  record: Record<string, unknown>;
  content: PageContent;
  page: InteractivePage;
  media: PayloadMedia;
};

/** The page's data block: readable by anyone who has the HTML, so nothing personal, and no media names. */
export type PageData = {
  sealed: SealedPayload;
  /** Behind a gate: the field asked for. The key then needs the answer and the API's share. */
  gate: { field: string } | undefined;
  links: { pay: string; gate: string; forms: string; survey: string; track: string };
  /** With HLS delivery: the site's own hls.js, for browsers without native HLS (nothing personal). */
  hlsScript?: string;
};
