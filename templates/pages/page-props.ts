import type { Creditor } from '../brand/creditor.ts';
import type { PageCopy } from '../template-definition.ts';
import type { TrustCopy } from './trust-copy.ts';

/** What a page shows for one recipient, in their locale, already formatted: rendered in the browser from the sealed payload. */
export type PageContent = {
  copy: PageCopy;
  greeting: string;
  facts: { amount: string; dueDate: string; invoice: string };
};

/**
 * What a microsite page is given. Nothing here is personal: the page is static and neutral
 * (no name, amount or debt wording), and its script renders the personal part from the sealed
 * data block in the browser.
 */
export type PageProps = {
  lang: string;
  /** The neutral page title and header, e.g. "Aurora Energia – your message". */
  pageTitle: string;
  /** Neutral strings shown before the personal part opens. */
  shell: {
    videoLabel: string;
    loading: string;
    noScript: string;
    gateLead: string;
    gateLabel: string;
    gateSubmit: string;
    gateWrong: string;
    gateLocked: string;
    optOut: string;
    footer: string;
  };
  /** Only the opaque token goes here, never personal data. */
  token: string;
  /** Whether a privacy gate asks for a detail before anything personal shows. */
  gated: boolean;
  links: { optOut: string; track: string };
  /** The page data block (JSON, escaped for a script element), read by the page's script. */
  dataJson: string;
  /**
   * Shared files; `brand` is the campaign's brand stylesheet (CSS custom properties), `logo` empty
   * for none, `favicon` the tab's icon (the brand's logo when it has one), `cjkFonts` the Chinese font's stylesheet, only for pages with Chinese text.
   */
  assets: {
    css: string;
    script: string;
    interactive: string;
    logo: string;
    favicon?: string;
    brand?: string;
    cjkFonts?: string;
  };
  /** The brand kit's pay provider label (not personal), shown under the page. */
  payProvider?: string;
  /** Who really sends the page (public facts about the creditor, shown in the footer); absent when the brand kit gives none. */
  creditor?: Creditor;
  /** The footer's strings on who sends the page and how to check it. */
  trust: TrustCopy;
  /** With the live player and an MP4 (`both`): the link to download the video (its address set by the page's script), shown once the player runs. */
  download?: { label: string };
  contentSecurityPolicy: string;
  /** The live player (playback `live` or `both`); absent for `rendered`. */
  live?: LivePageProps;
};

/** Where the live player comes from, which template it plays and with which props (JSON). */
export type LivePageProps = {
  mode: 'live' | 'both';
  templateId: string;
  bundle: string;
  mount: string;
  staticBase: string;
};
