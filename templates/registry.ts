// Written with compositions/components.ts from one list of template ids by `kindly template new` (makeRegistrySources).
import { friendlyFinalNotice } from './friendly-final-notice/definition.ts';
import { gentleReminder } from './gentle-reminder/definition.ts';
import { instalmentOffer } from './instalment-offer/definition.ts';
import type { TemplateDefinition } from './template-definition.ts';

/** Every template Kindly can render, in the order the API and the studio list them. */
export const templates: readonly TemplateDefinition[] = [
  gentleReminder as unknown as TemplateDefinition,
  instalmentOffer as unknown as TemplateDefinition,
  friendlyFinalNotice as unknown as TemplateDefinition,
];

/** The template with this id, or undefined. */
export function findTemplate(id: string): TemplateDefinition | undefined {
  return templates.find((template) => template.id === id);
}
