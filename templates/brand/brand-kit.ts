import { z } from 'zod';
import { getContrastRatio } from './contrast.ts';
import { checkLogo } from './check-logo.ts';
import { creditorSchema } from './creditor.ts';

/** Fonts a brand may choose: the ones Kindly ships (renders never depend on system fonts). */
export const brandFonts = ['inter', 'noto-sans-tc'] as const;
export type BrandFont = (typeof brandFonts)[number];

/** Largest logo accepted, as a data URL (it travels in every render's props and the campaign row). */
export const maxLogoBytes = 200_000;

const colour = (name: string) =>
  z
    .string({ error: `colors.${name} is missing; give it as #rrggbb` })
    .trim()
    .regex(/^#[0-9a-fA-F]{6}$/, { error: `colors.${name} is not a #rrggbb colour; write it like #10324a` });

/** Pairs of colours that must stay readable, the least ratio each needs (WCAG 2.1 AA) and what it is for. */
const contrastRules = [
  { foreground: 'text', background: 'background', least: 4.5, what: 'text on background' },
  { foreground: 'onPrimary', background: 'primary', least: 4.5, what: 'button text (onPrimary) on primary' },
  { foreground: 'accent', background: 'background', least: 3, what: 'accent (large amounts) on background' },
] as const;

type Colours = { primary: string; accent: string; background: string; text: string; onPrimary: string };

/**
 * The contrast problems of a brand's colours, one message per failing pair naming both colours,
 * the ratio and the fix. Empty when every pair is readable.
 */
export function checkBrandContrast(colors: Colours): string[] {
  return contrastRules.flatMap((rule) => {
    const foreground = colors[rule.foreground];
    const background = colors[rule.background];
    const ratio = getContrastRatio({ foreground, background });
    if (ratio >= rule.least) return [];
    return [
      `${rule.what} is ${foreground} on ${background}, contrast ${ratio.toFixed(2)}:1, below the ${rule.least}:1 WCAG AA needs; darken or lighten colors.${rule.foreground} or colors.${rule.background} until the pair reaches ${rule.least}:1`,
    ];
  });
}

/**
 * A campaign's brand kit: logo (an SVG or PNG as a data URL), colours, font, the sender name the
 * video and page speak as, the label of the pay provider and the creditor's public details.
 * Refused when its colours would be hard to read or a detail is malformed.
 */
export const brandKitSchema = z
  .object({
    senderName: z
      .string({ error: 'senderName is missing; give the name the messages come from' })
      .trim()
      .min(1, { error: 'senderName is empty; give the name the messages come from' })
      .max(60, { error: 'senderName is longer than 60 characters; shorten it' }),
    payProviderLabel: z
      .string()
      .trim()
      .max(60, { error: 'payProviderLabel is longer than 60 characters; shorten it' })
      .optional(),
    logo: z
      .string()
      .regex(/^data:image\/(svg\+xml|png);base64,[A-Za-z0-9+/]+=*$/, {
        error: 'logo must be an SVG or PNG file (as a data:image/svg+xml;base64 or data:image/png;base64 URL)',
      })
      .max(Math.ceil((maxLogoBytes * 4) / 3) + 40, {
        error: `logo is larger than ${maxLogoBytes / 1000} kB; export a smaller file`,
      })
      .superRefine((logo, context) => {
        const problem = checkLogo(logo);
        if (problem) context.addIssue({ code: 'custom', message: problem });
      })
      .optional(),
    colors: z.object({
      primary: colour('primary'),
      accent: colour('accent'),
      background: colour('background'),
      text: colour('text'),
      onPrimary: colour('onPrimary').default('#ffffff'),
    }),
    font: z
      .enum(brandFonts, { error: `font is not one Kindly ships; use one of ${brandFonts.join(', ')}` })
      .default('inter'),
    /** Who really sends the messages (legal name, address, phone, e-mail, privacy notice), shown on every page. */
    creditor: creditorSchema.optional(),
  })
  .superRefine((kit, context) => {
    for (const message of checkBrandContrast(kit.colors))
      context.addIssue({ code: 'custom', path: ['colors'], message: `brand colours are hard to read: ${message}` });
  });

export type BrandKit = z.output<typeof brandKitSchema>;
