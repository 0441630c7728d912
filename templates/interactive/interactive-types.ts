import type { PlanRules } from './compute-plans.ts';

/** What a hotspot button does: pay at once, open the plan selector, ask for a call back, open the invoice, or jump to a scene. */
export type HotspotAction = 'pay' | 'plan' | 'callback' | 'invoice' | 'scene';

/** A call-to-action button over the video while the playhead is in [fromFrame, toFrame). `x`/`y` place it, in percent of the video. */
export type Hotspot = { id: string; action: HotspotAction; fromFrame: number; toFrame: number; x: number; y: number; scene?: string };

/** A named point on the timeline the viewer can jump to; titles per locale. */
export type Chapter = { id: string; fromFrame: number; title: Record<string, string> };

/** The one-question survey: its scale, and when it shows (after a call to action, at the video's end). */
export type SurveySpec = { scale: '1-5' | '0-10'; showAfter: readonly ('cta' | 'end')[] };

/** The parts of a template that make its page interactive. */
export type InteractiveSpec = { hotspots?: readonly Hotspot[]; chapters?: readonly Chapter[]; planRules?: Partial<PlanRules>; survey?: SurveySpec };
