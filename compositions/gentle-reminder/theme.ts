import type { CSSProperties } from 'react';
import { fontFamily } from '../use-fonts.ts';

/** Colours and type of `gentle-reminder` (white on navy: contrast ratio above 12:1). */
export const theme = {
  navy: '#10324a',
  navyLight: '#1d4e6e',
  warm: '#ffb35c',
  white: '#ffffff',
  muted: '#cfe0ec',
};

export const fill: CSSProperties = {
  fontFamily,
  color: theme.white,
  background: `linear-gradient(135deg, ${theme.navy} 0%, ${theme.navyLight} 100%)`,
  justifyContent: 'center',
  alignItems: 'center',
  textAlign: 'center',
  padding: '0 90px',
};

/** Shrinks long personal text (names, big amounts) so it fits its box, wrapping as a last resort. */
export function fitFontSize(options: { text: string; base: number; maxWidth: number; charWidth: number }): number {
  const natural = options.text.length * options.base * options.charWidth;
  return natural <= options.maxWidth ? options.base : Math.max(options.base * 0.55, options.maxWidth / (options.text.length * options.charWidth));
}
