import type { DeliveryCopy } from './delivery-copy.ts';

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (character) => `&#${character.charCodeAt(0)};`);

/**
 * The e-mail HTML for one recipient: a table (what e-mail clients lay out reliably) holding the
 * animated thumbnail and a button, both linking to the personal page, and the opt-out link. Only
 * absolute URLs, inline styles and escaped text; the alt text names no one. Without a thumbnail
 * URL, no picture.
 */
export function makeEmailSnippet(options: {
  url: string;
  thumbnailUrl: string;
  optOutUrl: string;
  copy: DeliveryCopy;
  width: number;
  height: number;
}): string {
  const { copy } = options;
  const url = escapeHtml(options.url);
  const font = 'font-family:Arial,Helvetica,sans-serif;';
  const picture = options.thumbnailUrl
    ? [
        '<tr><td align="center" style="padding:0;">',
        `<a href="${url}" target="_blank" style="text-decoration:none;"><img src="${escapeHtml(options.thumbnailUrl)}" width="${options.width}" height="${options.height}" alt="${escapeHtml(copy.alt)}" style="display:block;border:0;outline:none;width:100%;max-width:${options.width}px;height:auto;"></a>`,
        '</td></tr>',
      ]
    : [];
  return [
    '<table role="presentation" width="100%" cellpadding="0" cellspacing="0" border="0" style="border-collapse:collapse;">',
    ...picture,
    '<tr><td align="center" style="padding:16px 0 8px;">',
    `<a href="${url}" target="_blank" style="${font}display:inline-block;padding:12px 28px;border-radius:24px;background:#10324a;color:#ffffff;font-size:16px;font-weight:bold;text-decoration:none;">${escapeHtml(copy.watch)}</a>`,
    '</td></tr>',
    '<tr><td align="center" style="padding:8px 0 0;">',
    `<a href="${escapeHtml(options.optOutUrl)}" target="_blank" style="${font}color:#5b6b78;font-size:12px;text-decoration:underline;">${escapeHtml(copy.optOut)}</a>`,
    '</td></tr>',
    '</table>',
  ].join('');
}
