import type { BrandKit } from './brand-kit.ts';

/** A template's record as the composition and page get it: the campaign's brand kit rides along as `brand`. */
export type Branded<Record> = Record & { brand?: BrandKit };

/** The name messages come from: the brand's sender name, else the template's own. */
export function getSenderName(options: { brand: BrandKit | undefined; fallback: string }): string {
  return options.brand?.senderName ?? options.fallback;
}
