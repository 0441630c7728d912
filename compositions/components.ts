import type { ComponentType } from 'react';
import { GentleReminder } from './gentle-reminder/GentleReminder.tsx';

/** The Remotion component of each template, by template id. */
export const components: Record<string, ComponentType<never>> = {
  'gentle-reminder': GentleReminder as ComponentType<never>,
};
