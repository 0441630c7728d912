import type { z } from 'zod';
import { productLocales } from './pages/page-copy.ts';
import { StandardPage } from './pages/StandardPage.tsx';
import { makeSceneCues } from './scene-cues.ts';
import type { PageContent } from './pages/page-props.ts';
import type { Hotspot, InteractiveSpec, SurveySpec } from './interactive/interactive-types.ts';
import { defaultPlanRules } from './interactive/plan-rules.ts';
import type { BaseRecord, CtaTarget, Scene, TemplateDefinition } from './template-definition.ts';

/** What a reference template's text function gives: the page's copy, greeting and facts, and each scene's caption lines. */
export type ReferenceText = PageContent & { captions: Record<string, readonly string[]> };

/** The record a template reads: its schema, its fields in the order of a records file, its tones (if it has more than one voice). */
export type RecordSpec<Schema extends z.ZodType<BaseRecord>> = {
  schema: Schema;
  fields: readonly string[];
  tones?: readonly string[];
};

/**
 * A template in the four product languages, 1280×720 at 30 fps, with the standard page, its
 * chapters, buttons, plan rules and survey: its page content and caption cues come from one text
 * function, so the video, captions and page say the same.
 */
export function makeReferenceTemplate<Schema extends z.ZodType<BaseRecord>>(options: {
  id: string;
  version: string;
  title: string;
  durationInFrames: number;
  posterFrame: number;
  scenes: readonly Scene[];
  ctas: readonly CtaTarget[];
  examples: readonly Record<string, unknown>[];
  /** The record it reads; most templates read the shared debt record (`debtRecord`, two tones). */
  record: RecordSpec<Schema>;
  /** The strings per locale (for two tones, the default tone's: see listToneCopy): checked, and editable in the studio. */
  copy: TemplateDefinition['copy'];
  /** The record's text (with the campaign's brand kit as `brand`). */
  getText: (record: z.output<Schema>) => ReferenceText;
  /** The buttons under the video; unless given, Pay now, a plan and a call-back during the last scene, and back to the personal scene. */
  hotspots?: readonly Hotspot[];
  /** The page's survey scale; 1–5 unless set (0–10 gives the Net Promoter Score in the analytics). */
  surveyScale?: SurveySpec['scale'];
}): TemplateDefinition<Schema> {
  const { getText, surveyScale, record, hotspots, ...rest } = options;
  const interactive = makeReferenceInteractive(rest.scenes);
  return {
    ...rest,
    width: 1280,
    height: 720,
    fps: 30,
    ...record,
    requiredFields: ['id', 'name', 'amount', 'due_date', 'invoice'],
    locales: productLocales,
    page: StandardPage,
    // The audio bed of every reference video (TemplateVideo) is the same for everyone.
    soundReads: [],
    ...interactive,
    ...(hotspots ? { hotspots } : {}),
    survey: { scale: surveyScale ?? '1-5', showAfter: interactive.survey?.showAfter ?? ['cta', 'end'] },
    getPageContent: (record) => {
      const { copy, greeting, facts } = getText(record);
      return { copy, greeting, facts };
    },
    getCues: (record) => {
      const { captions } = getText(record);
      return rest.scenes.flatMap((scene) => makeSceneCues({ scene, texts: captions[scene.id] ?? [] }));
    },
  };
}

const chapterTitles = {
  welcome: { 'it-IT': 'Benvenuto', 'en-GB': 'Welcome', 'fr-FR': 'Bienvenue', 'zh-TW': '歡迎' },
  summary: {
    'it-IT': 'Il tuo riepilogo',
    'en-GB': 'Your summary',
    'fr-FR': 'Votre récapitulatif',
    'zh-TW': '您的摘要',
  },
  pay: { 'it-IT': 'Come pagare', 'en-GB': 'How to pay', 'fr-FR': 'Comment payer', 'zh-TW': '如何付款' },
};

/**
 * The page's interactive parts for a reference template, from its timeline: chapters at the
 * intro, the personal scene and the last scene; during the last scene Pay now, a plan and a
 * call-back, and a button back to the personal scene; the survey after a call to action or at the end.
 */
function makeReferenceInteractive(scenes: readonly Scene[]): InteractiveSpec {
  const first = scenes[0]!;
  const last = scenes.at(-1)!;
  const personal = scenes.find((scene) => scene.reads.includes('name')) ?? first;
  const end = last.from + last.durationInFrames;
  return {
    chapters: [
      { id: first.id, fromFrame: first.from, title: chapterTitles.welcome },
      ...(personal === first ? [] : [{ id: personal.id, fromFrame: personal.from, title: chapterTitles.summary }]),
      { id: last.id, fromFrame: last.from, title: chapterTitles.pay },
    ],
    hotspots: [
      { id: 'end-pay', action: 'pay', fromFrame: last.from, toFrame: end },
      { id: 'end-plan', action: 'plan', fromFrame: last.from, toFrame: end },
      { id: 'end-callback', action: 'callback', fromFrame: last.from + 30, toFrame: end },
      { id: 'end-replay', action: 'scene', scene: personal.id, fromFrame: last.from + 30, toFrame: end },
    ],
    planRules: defaultPlanRules,
    survey: { scale: '1-5', showAfter: ['cta', 'end'] },
  };
}
