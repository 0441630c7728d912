/**
 * Where a CTA click goes: always the campaign's own pay URL (never a URL from the request),
 * with the opaque payment reference and what the debtor chose.
 */
export function makePayRedirect(options: { payUrl: string; payRef: string; intent: 'pay' | 'plan' }): string {
  const url = new URL(options.payUrl);
  url.searchParams.set('ref', options.payRef);
  url.searchParams.set('intent', options.intent);
  return url.toString();
}
