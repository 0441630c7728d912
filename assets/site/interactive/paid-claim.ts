import type { FormCopy } from '../../../templates/interactive/form-copy.ts';
import { el } from '../../shared/dom.ts';

/** The actions that ask for money; after "I already paid" the page stops showing them over the video. */
export const payingActions = new Set(['pay', 'plan']);

/**
 * A key for this link on this device: a short FNV-1a hash of the token, so the browser's storage
 * holds neither the link nor anything personal.
 */
const storageKey = (token: string) => {
  let hash = 0x811c9dc5;
  for (const char of token) hash = Math.imul(hash ^ (char.codePointAt(0) ?? 0), 0x01000193) >>> 0;
  return `kindly.paid-claim.${hash.toString(16).padStart(8, '0')}`;
};

// Storage may be refused (private modes, the studio's sandboxed preview): the page then just forgets.
const remembered = (key: string) => {
  try {
    return window.localStorage.getItem(key) === '1';
  } catch {
    return false;
  }
};
const remember = (key: string) => {
  try {
    window.localStorage.setItem(key, '1');
  } catch {
    // Nothing to do: the claim is sent; only the next visit will not know of it.
  }
};

/**
 * After "I already paid" is sent (now, or on an earlier visit on this device) the page thanks the
 * debtor and stops pushing payment: Pay now and the plan selector give way to a quiet "Pay anyway"
 * link and a "See the payment plans" button, and the pay and plan buttons over the video go.
 */
export function makePaidClaim(options: {
  token: string;
  copy: FormCopy;
  payUrl: string;
  payNow: HTMLElement;
  plans: HTMLElement;
}): { element: HTMLElement; claimed: () => boolean; claim: () => void } {
  const { copy, payNow, plans } = options;
  const key = storageKey(options.token);
  const showPlans = el('button', { type: 'button', class: 'link-button', 'aria-controls': plans.id }, copy.showPlans);
  const element = el(
    'section',
    { id: 'paid-thanks', class: 'card paid-thanks', 'aria-labelledby': 'paid-thanks-heading', hidden: true },
    el('h2', { id: 'paid-thanks-heading' }, copy.paidThanksHeading),
    el('p', {}, copy.paidThanks),
    el(
      'p',
      { class: 'quiet-actions' },
      el('a', { class: 'quiet-link', href: options.payUrl, 'data-cta': 'pay', rel: 'noreferrer' }, copy.payAnyway),
      showPlans,
    ),
  );
  showPlans.addEventListener('click', () => {
    plans.hidden = false;
    showPlans.hidden = true;
    plans.scrollIntoView({ block: 'start' });
    plans.focus();
  });
  let active = false;
  const claim = () => {
    active = true;
    remember(key);
    document.body.dataset.paidClaim = 'sent';
    element.hidden = false;
    payNow.hidden = true;
    plans.hidden = true;
    showPlans.hidden = false;
    for (const hotspot of document.querySelectorAll<HTMLElement>('[data-hotspot]')) {
      if (payingActions.has(hotspot.dataset.action ?? '')) hotspot.remove();
    }
  };
  if (remembered(key)) claim();
  return { element, claimed: () => active, claim };
}
