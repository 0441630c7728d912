import { fillCopy, formatDate, formatMinor } from '../../../templates/format.ts';
import { computePlans } from '../../../templates/interactive/compute-plans.ts';
import type { PersonalPayload } from '../../../templates/interactive/personal-payload.ts';
import { el } from '../../shared/dom.ts';

/** Today in the visitor's calendar, as `YYYY-MM-DD`. */
export const localToday = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}-${String(now.getDate()).padStart(2, '0')}`;
};

/**
 * The plan selector: the instalment plans the rules allow for this amount, as radio buttons,
 * and a link that pays with the chosen one (`<pay>?plan=<months>`; the server checks it again).
 */
export function makePlanSelector(options: { payload: PersonalPayload; payUrl: string }): HTMLElement {
  const { page, content } = options.payload;
  const { copy } = page;
  const plans =
    page.amount === undefined
      ? []
      : computePlans({
          amount: page.amount,
          currency: page.currency,
          rules: page.planRules,
          today: localToday(),
          dueDate: page.dueDate,
        });
  const section = el(
    'section',
    { id: 'plans', class: 'card plans', 'aria-labelledby': 'plans-heading', tabindex: '-1' },
    el('h2', { id: 'plans-heading' }, copy.plansHeading),
  );
  if (plans.length === 0) {
    section.append(el('p', {}, copy.plansNone));
    return section;
  }
  const money = (amountMinor: number) => formatMinor({ amountMinor, currency: page.currency, locale: page.locale });
  const date = (isoDate: string) => formatDate({ isoDate, locale: page.locale });
  const payLink = el(
    'a',
    { class: 'button primary', id: 'plan-pay', 'data-cta': 'plan', rel: 'noreferrer' },
    copy.planPay,
  );
  const choose = (months: number) => payLink.setAttribute('href', `${options.payUrl}?plan=${months}`);
  const choices = plans.map((plan, index) => {
    const first = plan.instalments[0];
    const last = plan.instalments.at(-1);
    const id = `plan-${plan.months}`;
    const radio = el('input', {
      type: 'radio',
      name: 'plan',
      id,
      value: String(plan.months),
      checked: index === 0,
      'aria-describedby': `${id}-schedule`,
    });
    radio.addEventListener('change', () => choose(plan.months));
    return el(
      'div',
      { class: 'plan-option' },
      radio,
      el(
        'label',
        { for: id },
        fillCopy(copy.planOption, { months: String(plan.months), instalment: money(first?.amountMinor ?? 0) }),
      ),
      el(
        'p',
        { id: `${id}-schedule`, class: 'schedule' },
        fillCopy(copy.planSchedule, {
          first: date(first?.dueDate ?? ''),
          last: date(last?.dueDate ?? ''),
          lastAmount: money(last?.amountMinor ?? 0),
        }),
      ),
    );
  });
  choose(plans[0]?.months ?? 0);
  section.append(
    el('p', {}, content.copy.planLead),
    el('fieldset', {}, el('legend', {}, content.copy.choosePlan), ...choices),
    payLink,
  );
  return section;
}
