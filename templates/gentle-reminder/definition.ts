import { fillCopy } from '../format.ts';
import { defaultPlanRules } from '../interactive/plan-rules.ts';
import { entranceDelays, stillAfter } from '../motion.ts';
import { StandardPage } from '../pages/StandardPage.tsx';
import type { Scene, TemplateDefinition } from '../template-definition.ts';
import { gentleReminderCopy } from './copy.ts';
import { gentleReminderExamples } from './examples.ts';
import { gentleReminderLocales, gentleReminderSchema } from './schema.ts';
import { getVideoText } from './video-text.ts';

const fps = 30;

/**
 * Three 5-second scenes. Only the middle one is personal, so a recipient costs one 5 s chunk:
 * the intro and outro are rendered once per locale and reused (see planChunks). Each scene is
 * still once its entrances are done, so a chunk draws only its first frames and holds the last.
 */
const scenes = [
  { id: 'intro', from: 0, durationInFrames: 5 * fps, reads: [], stillFrom: stillAfter(entranceDelays.intro) },
  {
    id: 'personal',
    from: 5 * fps,
    durationInFrames: 5 * fps,
    reads: ['name', 'amount', 'currency', 'due_date', 'invoice', 'locale'],
    stillFrom: stillAfter(entranceDelays.greeting, entranceDelays.facts),
  },
  { id: 'outro', from: 10 * fps, durationInFrames: 5 * fps, reads: ['locale'], stillFrom: stillAfter(entranceDelays.outro) },
] as const satisfies readonly Scene[];

const [intro, personal, outro] = scenes;

/**
 * `gentle-reminder`: a brand intro, a personal scene (name, amount, due date, invoice) and an
 * outro inviting to pay now or choose a plan. 1280×720, 30 fps, 15 s.
 */
export const gentleReminder: TemplateDefinition<typeof gentleReminderSchema> = {
  id: 'gentle-reminder',
  version: '1.0.0',
  title: 'Gentle reminder',
  width: 1280,
  height: 720,
  fps,
  durationInFrames: 15 * fps,
  posterFrame: personal.from + 60,
  schema: gentleReminderSchema,
  requiredFields: ['id', 'name', 'amount', 'due_date', 'invoice'],
  fields: ['id', 'name', 'amount', 'currency', 'due_date', 'invoice', 'locale', 'email', 'phone', 'timezone', 'postcode', 'invoice_url'],
  locales: gentleReminderLocales,
  scenes,
  // The audio bed (TemplateVideo) is the same for everyone.
  soundReads: [],
  ctas: ['pay', 'plan'],
  examples: gentleReminderExamples,
  copy: gentleReminderCopy,
  page: StandardPage,
  hotspots: [
    { id: 'summary-plan', action: 'plan', fromFrame: personal.from + 90, toFrame: outro.from },
    { id: 'outro-pay', action: 'pay', fromFrame: outro.from, toFrame: outro.from + outro.durationInFrames },
    { id: 'outro-plan', action: 'plan', fromFrame: outro.from, toFrame: outro.from + outro.durationInFrames },
    { id: 'outro-callback', action: 'callback', fromFrame: outro.from + 30, toFrame: outro.from + outro.durationInFrames },
    { id: 'outro-invoice', action: 'invoice', fromFrame: outro.from + 30, toFrame: outro.from + outro.durationInFrames },
    { id: 'outro-replay', action: 'scene', scene: 'personal', fromFrame: outro.from + 30, toFrame: outro.from + outro.durationInFrames },
  ],
  chapters: [
    { id: 'intro', fromFrame: intro.from, title: { 'it-IT': 'Benvenuto', 'en-GB': 'Welcome', 'fr-FR': 'Bienvenue', 'zh-TW': '歡迎' } },
    { id: 'personal', fromFrame: personal.from, title: { 'it-IT': 'Il tuo riepilogo', 'en-GB': 'Your summary', 'fr-FR': 'Votre récapitulatif', 'zh-TW': '您的摘要' } },
    { id: 'outro', fromFrame: outro.from, title: { 'it-IT': 'Come pagare', 'en-GB': 'How to pay', 'fr-FR': 'Comment payer', 'zh-TW': '如何付款' } },
  ],
  planRules: defaultPlanRules,
  survey: { scale: '1-5', showAfter: ['cta', 'end'] },
  getPageContent: (record) => {
    const { copy, personal: text } = getVideoText(record);
    return {
      copy: { ...copy, pageTitle: fillCopy(copy.pageTitle, { brand: copy.brand }) },
      greeting: text.greeting,
      facts: { amount: text.amount, dueDate: text.dueDate, invoice: text.invoice },
    };
  },
  getCues: (record) => {
    const text = getVideoText(record);
    const half = Math.round(personal.durationInFrames / 2);
    return [
      { startFrame: intro.from, endFrame: intro.from + intro.durationInFrames, text: `${text.intro.title}\n${text.intro.subtitle}` },
      { startFrame: personal.from, endFrame: personal.from + half, text: `${text.personal.greeting}\n${text.personal.lead}` },
      {
        startFrame: personal.from + half,
        endFrame: personal.from + personal.durationInFrames,
        text: `${text.personal.amountLabel}: ${text.personal.amount} · ${text.personal.dueLabel}: ${text.personal.dueDate}\n${text.personal.invoiceLabel}: ${text.personal.invoice}`,
      },
      { startFrame: outro.from, endFrame: outro.from + outro.durationInFrames, text: `${text.outro.title}\n${text.outro.subtitle}` },
    ];
  },
};
