/** WCAG 2.x relative luminance of a `#rrggbb` colour. */
export function getLuminance(hex: string): number {
  const channels = [1, 3, 5].map((start) => Number.parseInt(hex.slice(start, start + 2), 16) / 255);
  const [r, g, b] = channels.map((value) => (value <= 0.04045 ? value / 12.92 : ((value + 0.055) / 1.055) ** 2.4)) as [
    number,
    number,
    number,
  ];
  return 0.2126 * r + 0.7152 * g + 0.0722 * b;
}

/** WCAG contrast ratio of two `#rrggbb` colours, 1 to 21. */
export function getContrastRatio(options: { foreground: string; background: string }): number {
  const [light, dark] = [getLuminance(options.foreground), getLuminance(options.background)].sort((a, b) => b - a) as [
    number,
    number,
  ];
  return (light + 0.05) / (dark + 0.05);
}

/** A `#rrggbb` colour with an alpha, as CSS `rgba(...)`. */
export function toRgba(options: { hex: string; alpha: number }): string {
  const [r, g, b] = [1, 3, 5].map((start) => Number.parseInt(options.hex.slice(start, start + 2), 16));
  return `rgba(${r}, ${g}, ${b}, ${options.alpha})`;
}
