import crypto from 'node:crypto';
import { z } from 'zod';

/** One arm of an A/B test: the template its recipients get, and its share of the recipients. */
export const variantSchema = z.object({
  id: z.string().regex(/^[A-Za-z0-9_-]{1,40}$/, { error: 'a variant id is 1–40 letters, digits, _ or -' }),
  template: z.string().min(1),
  weight: z.number().positive().max(1000).default(1),
});
export type Variant = z.output<typeof variantSchema>;

export const variantsSchema = z
  .array(variantSchema)
  .min(2, { error: 'an A/B test needs at least two variants' })
  .max(10)
  .refine((variants) => new Set(variants.map((variant) => variant.id)).size === variants.length, {
    error: 'variant ids must differ',
  });

/**
 * The variant a recipient gets: a hash of campaign and record id placed on the weights, so the
 * same recipient always gets the same variant (on any machine, in any upload order) and the
 * split follows the weights.
 */
export function pickVariant(options: { campaignId: string; recordId: string; variants: readonly Variant[] }): Variant {
  const digest = crypto.createHash('sha256').update(`${options.campaignId}\n${options.recordId}`).digest();
  const point =
    (digest.readUIntBE(0, 6) / 2 ** 48) * options.variants.reduce((sum, variant) => sum + variant.weight, 0);
  let reached = 0;
  for (const variant of options.variants) {
    reached += variant.weight;
    if (point < reached) return variant;
  }
  return options.variants.at(-1)!;
}
