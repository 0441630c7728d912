import { debtRecord } from '../debt-record-schema.ts';
import { listToneCopy } from '../reference-copy.ts';
import { entranceDelays, stillAfter } from '../motion.ts';
import { makeReferenceTemplate } from '../reference-template.ts';
import type { Scene } from '../template-definition.ts';
import { instalmentOfferCopy } from './copy.ts';
import { instalmentOfferExamples } from './examples.ts';
import { getInstalmentOfferText } from './video-text.ts';

const fps = 30;
const copyOnly = ['locale', 'tone'];

const scenes = [
  { id: 'intro', from: 0, durationInFrames: 3 * fps, reads: copyOnly, stillFrom: stillAfter(entranceDelays.intro) },
  {
    id: 'plans',
    from: 3 * fps,
    durationInFrames: 6 * fps,
    reads: ['name', 'amount', 'currency', 'locale', 'tone'],
    stillFrom: stillAfter(entranceDelays.greeting, entranceDelays.plans),
  },
  {
    id: 'terms',
    from: 9 * fps,
    durationInFrames: 2 * fps,
    reads: copyOnly,
    stillFrom: stillAfter(entranceDelays.message),
  },
  {
    id: 'outro',
    from: 11 * fps,
    durationInFrames: 4 * fps,
    reads: copyOnly,
    stillFrom: stillAfter(entranceDelays.outro),
  },
] as const satisfies readonly Scene[];

/**
 * `instalment-offer`: centred on the plan choice. A brand intro, a short personal scene (name,
 * total and the 3/6/12 monthly plans computed from the amount), the terms and the invitation to
 * choose a plan. Empathetic and neutral tones, four languages. 1280×720, 30 fps, 15 s.
 */
export const instalmentOffer = makeReferenceTemplate({
  id: 'instalment-offer',
  version: '1.0.0',
  title: 'Instalment offer',
  durationInFrames: 15 * fps,
  posterFrame: scenes[1].from + 100,
  scenes,
  ctas: ['plan', 'pay'],
  record: debtRecord,
  examples: instalmentOfferExamples,
  copy: listToneCopy(instalmentOfferCopy, 'empathetic'),
  getText: getInstalmentOfferText,
});
