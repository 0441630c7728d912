/** How long browsers and CDNs may keep a file: forever for content-hashed assets, briefly for pages. */
export const cacheControl = {
  immutable: 'public, max-age=31536000, immutable',
  media: 'private, max-age=86400',
  page: 'private, no-cache',
} as const;

/**
 * Headers of every published file that is not a page. Any file may be opened on its own, at the
 * pages' origin: sandboxed without `allow-scripts` it runs no script (an SVG's included), submits
 * no form and reads nothing; `nosniff` keeps a browser from taking it for another type. Opened on
 * its own, an image or a video is shown in a document the browser makes, which loads the file
 * again: `img-src`/`media-src 'self'` let it, and `allow-same-origin` keeps that document's
 * origin so the video's (CORS) request is same-origin; without scripts it grants nothing else.
 * Fonts, scripts and styles used by a page follow the page's policy, not this one.
 */
export const assetHeaders = {
  'content-security-policy': "default-src 'none'; img-src 'self'; media-src 'self'; sandbox allow-same-origin",
  'x-content-type-options': 'nosniff',
} as const;

/** A CDN origin Kindly publishes to: a local folder, or (at scale) an S3-compatible bucket. */
export type Publisher = {
  /** Writes a file at `key` (a path under the site root) so readers never see it half-written. */
  put: (options: { key: string; body: Buffer | string; contentType: string; cacheControl: string }) => Promise<void>;
  /** Copies a local file to `key`. */
  putFile: (options: { key: string; file: string; contentType: string; cacheControl: string }) => Promise<void>;
  /** True when `key` is already published (shared assets are written once). */
  has: (options: { key: string }) => Promise<boolean>;
  /** Removes everything under a prefix. */
  removePrefix: (options: { prefix: string }) => Promise<void>;
};
