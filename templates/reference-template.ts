import type { Branded } from './brand/branded.ts';
import { debtRecordFields, debtRecordSchema, referenceTones, type DebtRecord } from './debt-record-schema.ts';
import { productLocales } from './pages/page-copy.ts';
import { StandardPage } from './pages/StandardPage.tsx';
import { makeSceneCues } from './scene-cues.ts';
import type { PageContent } from './pages/page-props.ts';
import type { CtaTarget, Scene, TemplateDefinition } from './template-definition.ts';

/** What a reference template's text function gives: the page's copy, greeting and facts, and each scene's caption lines. */
export type ReferenceText = PageContent & { captions: Record<string, readonly string[]> };

/**
 * A template on the shared debt record (four languages, two tones), 1280×720 at 30 fps, with the
 * standard page: its page content and caption cues come from one text function, so the video,
 * captions and page say the same.
 */
export function makeReferenceTemplate(options: {
  id: string;
  version: string;
  title: string;
  durationInFrames: number;
  posterFrame: number;
  scenes: readonly Scene[];
  ctas: readonly CtaTarget[];
  examples: readonly Record<string, unknown>[];
  /** The default tone's strings per locale (see listToneCopy): checked, and editable in the studio. */
  copy: TemplateDefinition['copy'];
  getText: (record: Branded<DebtRecord>) => ReferenceText;
}): TemplateDefinition<typeof debtRecordSchema> {
  const { getText, ...rest } = options;
  return {
    ...rest,
    width: 1280,
    height: 720,
    fps: 30,
    schema: debtRecordSchema,
    requiredFields: ['id', 'name', 'amount', 'due_date', 'invoice'],
    fields: debtRecordFields,
    locales: productLocales,
    tones: referenceTones,
    page: StandardPage,
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
