import { debtRecord } from '../debt-record-schema.ts';
import { listToneCopy } from '../reference-copy.ts';
import { entranceDelays, stillAfter } from '../motion.ts';
import { makeReferenceTemplate } from '../reference-template.ts';
import type { Scene } from '../template-definition.ts';
import { friendlyFinalNoticeCopy } from './copy.ts';
import { friendlyFinalNoticeExamples } from './examples.ts';
import { getFinalNoticeText } from './video-text.ts';

const fps = 30;
const copyOnly = ['locale', 'tone'];

const scenes = [
  { id: 'intro', from: 0, durationInFrames: 3 * fps, reads: copyOnly, stillFrom: stillAfter(entranceDelays.intro) },
  {
    id: 'facts',
    from: 3 * fps,
    durationInFrames: 6 * fps,
    reads: ['name', 'amount', 'currency', 'due_date', 'invoice', 'locale', 'tone'],
    stillFrom: stillAfter(entranceDelays.greeting, entranceDelays.facts),
  },
  {
    id: 'next-steps',
    from: 9 * fps,
    durationInFrames: 3 * fps,
    reads: copyOnly,
    stillFrom: stillAfter(entranceDelays.message),
  },
  {
    id: 'outro',
    from: 12 * fps,
    durationInFrames: 3 * fps,
    reads: copyOnly,
    stillFrom: stillAfter(entranceDelays.outro),
  },
] as const satisfies readonly Scene[];

/**
 * `friendly-final-notice`: firmer than a reminder, still respectful. A brand intro, a short
 * personal scene (name, amount, due date, invoice), what happens next, and the invitation to pay
 * or choose a plan. Empathetic and neutral tones, four languages. 1280×720, 30 fps, 15 s.
 */
export const friendlyFinalNotice = makeReferenceTemplate({
  id: 'friendly-final-notice',
  version: '1.0.0',
  title: 'Friendly final notice',
  durationInFrames: 15 * fps,
  posterFrame: scenes[1].from + 75,
  scenes,
  ctas: ['pay', 'plan'],
  record: debtRecord,
  examples: friendlyFinalNoticeExamples,
  copy: listToneCopy(friendlyFinalNoticeCopy, 'empathetic'),
  getText: getFinalNoticeText,
  // Asked 0–10, the analytics give the Net Promoter Score collection teams report.
  surveyScale: '0-10',
});
