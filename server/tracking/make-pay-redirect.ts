/**
 * Where a CTA click goes: always the campaign's own pay URL (never a URL from the request),
 * with the opaque payment reference and what the debtor chose.
 */
export function makePayRedirect(options: {
  payUrl: string;
  payRef: string;
  intent: 'pay' | 'plan';
  plan?: { months: number; firstPayment: string };
}): string {
  const url = new URL(options.payUrl);
  url.searchParams.set('ref', options.payRef);
  url.searchParams.set('intent', options.intent);
  // The plan chosen on the page: its length and first payment date (the provider knows the amount from the reference).
  if (options.plan) {
    url.searchParams.set('plan', String(options.plan.months));
    url.searchParams.set('first_payment', options.plan.firstPayment);
  }
  return url.toString();
}
