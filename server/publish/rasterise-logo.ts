import sharp from 'sharp';

/** Height of a published logo: sharp at 3× pixel density on the page (40 px) and well above the video's 150 px logo box. */
export const logoHeight = 512;
/** The widest a published logo gets (a very wide wordmark is scaled down to fit). */
const maxWidth = 4 * logoHeight;

/**
 * A brand logo (SVG or PNG bytes) drawn again as a PNG by sharp, `logoHeight` pixels high.
 *
 * Rasterised rather than sanitised: an uploaded SVG is a document that a browser runs when it is
 * opened at the pages' origin, and an allow-list must keep pace with every browser's parser
 * (namespaced `<a:script>`, `<set>`/`<animate>` rewriting attributes, entities…). librsvg only
 * draws: it runs no script and loads nothing outside the file, so the PNG it makes is a picture
 * and nothing else. PNGs are drawn again too, which drops whatever chunks they carried.
 */
export async function rasteriseLogo(options: { bytes: Buffer }): Promise<Buffer> {
  const { height, format } = await sharp(options.bytes).metadata();
  // An SVG is drawn at the density that makes it logoHeight high, so curves stay sharp instead of being upscaled.
  const density = format === 'svg' && height ? Math.min(100_000, Math.max(1, (72 * logoHeight) / height)) : undefined;
  return sharp(options.bytes, density ? { density } : {})
    .resize({ height: logoHeight, width: maxWidth, fit: 'inside' })
    .png()
    .toBuffer();
}
