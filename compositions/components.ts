// Written with templates/registry.ts from one list of template ids by `kindly template new` (makeRegistrySources).
import type { ComponentType } from 'react';
import { FriendlyFinalNotice } from './friendly-final-notice/FriendlyFinalNotice.tsx';
import { GentleReminder } from './gentle-reminder/GentleReminder.tsx';
import { InstalmentOffer } from './instalment-offer/InstalmentOffer.tsx';

/** The Remotion component of each template in templates/registry.ts, by template id. */
export const components: Record<string, ComponentType<never>> = {
  'gentle-reminder': GentleReminder as ComponentType<never>,
  'instalment-offer': InstalmentOffer as ComponentType<never>,
  'friendly-final-notice': FriendlyFinalNotice as ComponentType<never>,
};
