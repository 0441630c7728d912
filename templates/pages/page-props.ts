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
  media: { video: string; poster: string; captions: string };
  /** Shared files; `brand` is the campaign's brand stylesheet (CSS custom properties), `logo` empty for none. */
  assets: { css: string; script: string; logo: string; brand?: string };
  /** The brand kit's pay provider label, shown by Pay now. */
  payProvider?: string;
  contentSecurityPolicy: string;
};
