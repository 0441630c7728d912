import type { Branded } from '../brand/branded.ts';
import { fillCopy } from '../format.ts';
import { entranceDelays, stillAfter } from '../motion.ts';
import { makeReferenceTemplate, type ReferenceText } from '../reference-template.ts';
import type { Scene } from '../template-definition.ts';
import { gentleReminderCopy } from './copy.ts';
import { gentleReminderExamples } from './examples.ts';
import { gentleReminderSchema, type GentleReminderRecord } from './schema.ts';
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
  {
    id: 'outro',
    from: 10 * fps,
    durationInFrames: 5 * fps,
    reads: ['locale'],
    stillFrom: stillAfter(entranceDelays.outro),
  },
] as const satisfies readonly Scene[];

const [, personal, outro] = scenes;

/** The page's copy, greeting and facts, and each scene's caption lines, from the text the scenes show. */
function getText(record: Branded<GentleReminderRecord>): ReferenceText {
  const { copy, ...text } = getVideoText(record);
  const facts = text.personal;
  return {
    copy: { ...copy, pageTitle: fillCopy(copy.pageTitle, { brand: copy.brand }) },
    greeting: facts.greeting,
    facts: { amount: facts.amount, dueDate: facts.dueDate, invoice: facts.invoice },
    captions: {
      intro: [`${text.intro.title}\n${text.intro.subtitle}`],
      personal: [
        `${facts.greeting}\n${facts.lead}`,
        `${facts.amountLabel}: ${facts.amount} · ${facts.dueLabel}: ${facts.dueDate}\n${facts.invoiceLabel}: ${facts.invoice}`,
      ],
      outro: [`${text.outro.title}\n${text.outro.subtitle}`],
    },
  };
}

const outroEnd = outro.from + outro.durationInFrames;

/**
 * `gentle-reminder`: a brand intro, a personal scene (name, amount, due date, invoice) and an
 * outro inviting to pay now or choose a plan. One voice, four languages; its records may add a
 * time zone, a postcode (for a privacy gate) and an invoice link. 1280×720, 30 fps, 15 s.
 */
export const gentleReminder = makeReferenceTemplate({
  id: 'gentle-reminder',
  version: '1.0.0',
  title: 'Gentle reminder',
  durationInFrames: 15 * fps,
  posterFrame: personal.from + 60,
  scenes,
  ctas: ['pay', 'plan'],
  record: {
    schema: gentleReminderSchema,
    fields: [
      'id',
      'name',
      'amount',
      'currency',
      'due_date',
      'invoice',
      'locale',
      'email',
      'phone',
      'timezone',
      'postcode',
      'invoice_url',
    ],
  },
  examples: gentleReminderExamples,
  copy: gentleReminderCopy,
  getText,
  hotspots: [
    { id: 'summary-plan', action: 'plan', fromFrame: personal.from + 90, toFrame: outro.from },
    { id: 'outro-pay', action: 'pay', fromFrame: outro.from, toFrame: outroEnd },
    { id: 'outro-plan', action: 'plan', fromFrame: outro.from, toFrame: outroEnd },
    { id: 'outro-callback', action: 'callback', fromFrame: outro.from + 30, toFrame: outroEnd },
    { id: 'outro-invoice', action: 'invoice', fromFrame: outro.from + 30, toFrame: outroEnd },
    { id: 'outro-replay', action: 'scene', scene: 'personal', fromFrame: outro.from + 30, toFrame: outroEnd },
  ],
});
