const pngSignature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);

/**
 * Things an SVG logo may not hold, refused early with a clear reason. Not the defence: the page
 * gets the logo drawn again as a PNG (server/publish/rasterise-logo.ts), and the video shows it
 * only as an image, where SVG script never runs.
 */
const svgDangers: readonly [RegExp, string][] = [
  [/<script/i, 'a <script> element'],
  [/\son[a-z]+\s*=/i, 'an event handler attribute (on…=)'],
  [/javascript:/i, 'a javascript: link'],
  [/<foreignObject/i, 'a <foreignObject> element'],
  [
    /(?:href|src)\s*=\s*["']\s*(?:https?:)?\/\//i,
    'a link to another site (pages and videos load nothing from third parties)',
  ],
  [/@import|url\(\s*["']?\s*(?:https?:)?\/\//i, 'a stylesheet import or url() to another site'],
];

/**
 * Why a logo data URL is not a usable logo, or undefined when it is: a PNG must start with the
 * PNG signature; an SVG must be an <svg> document with no script, event handler or outside link.
 */
export function checkLogo(dataUrl: string): string | undefined {
  const [head = '', body = ''] = dataUrl.split(',', 2);
  const bytes = Buffer.from(body, 'base64');
  if (head.startsWith('data:image/png')) {
    return bytes.subarray(0, 8).equals(pngSignature)
      ? undefined
      : 'logo says it is a PNG but is not one; export the logo again as PNG or SVG';
  }
  const text = bytes.toString('utf8');
  if (!/<svg[\s>]/i.test(text))
    return 'logo says it is an SVG but has no <svg> element; export the logo again as SVG or PNG';
  const danger = svgDangers.find(([pattern]) => pattern.test(text));
  return danger ? `logo SVG contains ${danger[1]}; export a plain SVG (shapes and text only) or a PNG` : undefined;
}

/** A logo file's bytes as the data URL a brand kit holds, by its extension (.svg or .png); undefined for other types. */
export function toLogoDataUrl(options: { fileName: string; bytes: Buffer }): string | undefined {
  const name = options.fileName.toLowerCase();
  const type = name.endsWith('.svg') ? 'image/svg+xml' : name.endsWith('.png') ? 'image/png' : undefined;
  return type ? `data:${type};base64,${options.bytes.toString('base64')}` : undefined;
}

/** The bytes and file extension of a logo data URL. */
export function fromLogoDataUrl(dataUrl: string): { bytes: Buffer; extension: '.svg' | '.png' } {
  const [head = '', body = ''] = dataUrl.split(',', 2);
  return { bytes: Buffer.from(body, 'base64'), extension: head.startsWith('data:image/png') ? '.png' : '.svg' };
}
