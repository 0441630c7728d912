import type { PlanRulesOverride } from './plan-rules.ts';

/** What a hotspot button does: pay at once, open the plan selector, ask for a call back, open the invoice, or jump to a scene. */
export type HotspotAction = 'pay' | 'plan' | 'callback' | 'invoice' | 'scene';

/**
 * A call-to-action button in the strip right under the video, shown while the playhead is in
 * [fromFrame, toFrame). Buttons line up in the order the template lists them (put Pay first): the
 * page never lays them over the picture, where they would hide its text or the player's controls.
 */
export type Hotspot = { id: string; action: HotspotAction; fromFrame: number; toFrame: number; scene?: string };

/** A named point on the timeline the viewer can jump to; titles per locale. */
export type Chapter = { id: string; fromFrame: number; title: Record<string, string> };

/** The one-question survey: its scale, and when it shows (after a call to action, at the video's end). */
export type SurveySpec = { scale: '1-5' | '0-10'; showAfter: readonly ('cta' | 'end')[] };

/** The parts of a template that make its page interactive. */
export type InteractiveSpec = {
  hotspots?: readonly Hotspot[];
  chapters?: readonly Chapter[];
  planRules?: PlanRulesOverride;
  survey?: SurveySpec;
};
