import type { CSSProperties } from 'react';
import { staticFile } from 'remotion';
import type { BrandKit } from '../../templates/brand/brand-kit.ts';
import { toRgba } from '../../templates/brand/contrast.ts';
import { fontFamily } from '../use-fonts.ts';

/** Colours, type and logo of a video: the reference look, or a campaign's brand kit. */
export type Theme = {
  background: string;
  backgroundEnd: string;
  text: string;
  muted: string;
  primary: string;
  onPrimary: string;
  accent: string;
  fontFamily: string;
  /** Image source of the logo; empty for none. */
  logo: string;
};

/** The reference look (white on navy: contrast ratio above 12:1). */
const reference = {
  background: '#10324a',
  backgroundEnd: '#1d4e6e',
  text: '#ffffff',
  muted: '#cfe0ec',
  primary: '#ffb35c',
  onPrimary: '#10324a',
  accent: '#ffb35c',
};

const fontStacks: Record<BrandKit['font'], string> = {
  inter: fontFamily,
  'noto-sans-tc': '"Noto Sans TC", "Inter", sans-serif',
};

/** The theme of a render: the brand kit's colours, font and logo when the campaign has one. */
export function makeTheme(brand: BrandKit | undefined): Theme {
  if (!brand) return { ...reference, fontFamily, logo: staticFile('brand/aurora-logo.svg') };
  const { colors } = brand;
  return {
    background: colors.background,
    backgroundEnd: colors.background,
    text: colors.text,
    muted: toRgba({ hex: colors.text, alpha: 0.85 }),
    primary: colors.primary,
    onPrimary: colors.onPrimary,
    accent: colors.accent,
    fontFamily: fontStacks[brand.font],
    // A brand without a logo shows none, never another creditor's.
    logo: brand.logo ?? '',
  };
}

/** A full-frame, centred scene background in the theme. */
export function makeFill(theme: Theme): CSSProperties {
  return {
    fontFamily: theme.fontFamily,
    color: theme.text,
    background: `linear-gradient(135deg, ${theme.background} 0%, ${theme.backgroundEnd} 100%)`,
    justifyContent: 'center',
    alignItems: 'center',
    textAlign: 'center',
    padding: '0 90px',
  };
}

/** Shrinks long personal text (names, big amounts) so it fits its box, wrapping as a last resort. */
export function fitFontSize(options: { text: string; base: number; maxWidth: number; charWidth: number }): number {
  const natural = options.text.length * options.base * options.charWidth;
  return natural <= options.maxWidth
    ? options.base
    : Math.max(options.base * 0.55, options.maxWidth / (options.text.length * options.charWidth));
}
