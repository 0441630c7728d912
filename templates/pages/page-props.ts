import type { PageCopy } from '../template-definition.ts';

/** What a microsite page is given: the recipient's copy and facts, and where everything lives. */
export type PageProps = {
  lang: string;
  copy: PageCopy;
  greeting: string;
  facts: { amount: string; dueDate: string; invoice: string };
  /** Only the opaque token goes here, never personal data. */
  token: string;
  links: { pay: string; plan: string | undefined; optOut: string; track: string };
  /** `video` is absent when the page plays the video live only (no MP4 rendered). */
  media: { video: string | undefined; poster: string; captions: string };
  /**
   * Shared files; `brand` is the campaign's brand stylesheet (CSS custom properties), `logo` empty
   * for none, `cjkFonts` the Chinese font's stylesheet, only for pages with Chinese text.
   */
  assets: { css: string; script: string; logo: string; brand?: string; cjkFonts?: string };
  /** The brand kit's pay provider label, shown by Pay now. */
  payProvider?: string;
  contentSecurityPolicy: string;
  /** The live player (playback `live` or `both`); absent for `rendered`. */
  live?: LivePageProps;
};

/** Where the live player comes from, which template it plays and with which props (JSON). */
export type LivePageProps = { mode: 'live' | 'both'; templateId: string; props: string; bundle: string; mount: string; staticBase: string };
