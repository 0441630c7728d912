import type { ComponentType } from 'react';
import type { z } from 'zod';
import type { PageContent, PageProps } from './pages/page-props.ts';
import type { PlanRulesOverride } from './interactive/plan-rules.ts';
import type { Chapter, Hotspot, SurveySpec } from './interactive/interactive-types.ts';

/** A stretch of the timeline and the record fields it shows (none for shared scenes). */
export type Scene = {
  id: string;
  from: number;
  durationInFrames: number;
  reads: readonly string[];
  /**
   * Frames into the scene from which nothing moves any more: every later frame of the scene is
   * the same picture as this one, so renders draw it once and hold it (the sound still runs).
   * Leave it out for a scene that moves to its end.
   */
  stillFrom?: number;
};

/** Where a call to action on the microsite leads: the campaign's pay URL, to pay at once or to choose a plan. */
export type CtaTarget = 'pay' | 'plan';

/** One caption line with its place on the timeline. */
export type Cue = { startFrame: number; endFrame: number; text: string };

/** The page strings every microsite needs; templates add their own on top. */
export type PageCopy = {
  pageTitle: string;
  videoLabel: string;
  captionsLabel: string;
  detailsHeading: string;
  amountLabel: string;
  dueLabel: string;
  invoiceLabel: string;
  payNow: string;
  /** The link to download the MP4 when the page plays the video live (`both` mode). */
  downloadVideo: string;
  choosePlan: string;
  planLead: string;
  optOut: string;
  optOutQuestion: string;
  optOutConfirm: string;
  optOutDone: string;
  footer: string;
};

/** How a campaign's videos are delivered: one MP4 per recipient, or HLS from shared segments and the recipient's own. */
export type VideoDelivery = 'mp4' | 'hls';

/**
 * How a recipient watches: `rendered` (an MP4 only), `live` (the composition played in the
 * browser, no MP4 rendered) or `both` (the live player, with the MP4 to download and as fallback).
 */
export type PlaybackMode = 'rendered' | 'live' | 'both';

/** A personal record after the template's schema has parsed it: every template has these. */
export type BaseRecord = { id: string; locale: string };

/**
 * Everything Kindly needs to know about a template: its personal fields (one zod schema,
 * shared by the composition's props, ingest and jobs), timeline, copy per locale, calls to
 * action and example records.
 */
export type TemplateDefinition<Schema extends z.ZodType<BaseRecord> = z.ZodType<BaseRecord>> = {
  id: string;
  version: string;
  title: string;
  width: number;
  height: number;
  fps: number;
  durationInFrames: number;
  /** Frame shown as the poster and thumbnail. */
  posterFrame: number;
  schema: Schema;
  /** Columns a records file must have (before defaults apply). */
  requiredFields: readonly string[];
  /** Every field the schema knows, in the order of a records file. */
  fields: readonly string[];
  locales: readonly string[];
  scenes: readonly Scene[];
  /**
   * The record fields the soundtrack depends on. Renders draw still pictures once and render the
   * sound apart; with this given, a stretch of sound is shared by every recipient with the same
   * values (`[]`: one soundtrack for all). Left out, the sound is rendered per recipient with the
   * picture, as if it read every field its scenes read.
   */
  soundReads?: readonly string[];
  ctas: readonly CtaTarget[];
  /** Raw example records, as a records file would hold them. */
  examples: readonly Record<string, unknown>[];
  /** The microsite page component. */
  page: ComponentType<PageProps>;
  /** What the page shows for a record, in its locale, already formatted. */
  getPageContent: (record: z.output<Schema>) => PageContent;
  /** The personal text the video shows, as caption cues. */
  getCues: (record: z.output<Schema>) => Cue[];
  /**
   * Tones of the copy (e.g. `empathetic`, `neutral`), the first the default: the same scenes and
   * fields, copy only. The record's `tone` field picks one; scenes list `tone` in `reads`.
   */
  tones?: readonly string[];
  /**
   * The built-in copy per locale (`{placeholders}` filled per recipient), editable in the studio.
   * A template listing it applies a record's `copy` overrides over it (see applyCopy);
   * `kindly template check` wants every key in every locale.
   */
  copy?: Readonly<Record<string, Readonly<Record<string, string>>>>;
  /** Default playback mode of the template's campaigns (`rendered` when absent). */
  playback?: PlaybackMode;
  /** Call-to-action buttons in the strip under the video during a time range (pay, plan, call back, invoice, jump to a scene). */
  hotspots?: readonly Hotspot[];
  /** Named points of the video the page lists and lets the viewer jump to. */
  chapters?: readonly Chapter[];
  /** Instalment plans offered on the page; a campaign's `planRules` override these field by field. */
  planRules?: PlanRulesOverride;
  /** The page's one-question satisfaction survey. */
  survey?: SurveySpec;
};
