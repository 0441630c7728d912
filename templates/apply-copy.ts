import { z } from 'zod';

/**
 * Copy overrides carried by a record (`copy`): copy keys to strings, applied over the template's
 * built-in copy for the record's locale. The studio and saved template versions set it; a records
 * file never needs to.
 */
export const copyOverridesField = z
  .record(
    z.string().regex(/^\w{1,60}$/, { error: 'copy keys are words such as greeting or lead' }),
    z.string().max(600, { error: 'a copy text is longer than 600 characters; shorten it' }),
  )
  .optional();

export type CopyOverrides = z.output<typeof copyOverridesField>;

/** The built-in copy with the overrides of the template's own keys applied (other keys are ignored). */
export function applyCopy<Copy extends Record<string, string>>(copy: Copy, overrides: CopyOverrides): Copy {
  if (!overrides) return copy;
  const known = Object.entries(overrides).filter(([key]) => Object.hasOwn(copy, key));
  return known.length === 0 ? copy : { ...copy, ...Object.fromEntries(known) };
}
