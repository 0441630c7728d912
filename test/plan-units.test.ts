import { describe, expect, it } from 'vitest';
import { choosePlan } from '../server/tracking/choose-plan.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { computePlans, getFirstPaymentDate, splitInstalments } from '../templates/interactive/compute-plans.ts';

// Instalments in the units people pay in: whole dollars, yen and forints, cents where a currency has them.

describe('plans split in the units people pay in', () => {
  it('whole units sum exactly to the debt, the last instalment taking the rounding and never more than the others', () => {
    for (const totalMinor of [12500, 10000, 100000, 123450, 7, 1_000_001, 99_999]) {
      for (const count of [2, 3, 6, 7, 12]) {
        const amounts = splitInstalments({ totalMinor, count });
        if (amounts.length === 0) continue;
        expect(
          amounts.reduce((sum, amount) => sum + amount, 0),
          `${totalMinor}/${count}`,
        ).toBe(totalMinor);
        expect(amounts.every((amount) => Number.isInteger(amount) && amount > 0 && amount <= amounts[0]!)).toBe(true);
        expect(new Set(amounts.slice(0, -1)).size).toBe(1);
      }
    }
    const twd = computePlans({
      amount: 12500,
      currency: 'TWD',
      rules: { months: [3, 6, 12], minimumInstalment: 25, firstPaymentInDays: 14 },
      today: '2027-01-04',
    });
    expect(twd.map((plan) => plan.instalments.map((instalment) => instalment.amountMinor))).toEqual([
      [4167, 4167, 4166],
      [2084, 2084, 2084, 2084, 2084, 2080],
      [...Array.from({ length: 11 }, () => 1042), 1038],
    ]);
    expect(
      computePlans({
        amount: 10000,
        currency: 'JPY',
        rules: { months: [3], minimumInstalment: 1000, firstPaymentInDays: 0 },
        today: '2027-01-01',
      })[0]!.instalments.map((instalment) => instalment.amountMinor),
    ).toEqual([3334, 3334, 3332]);
    expect(
      computePlans({
        amount: 100000,
        currency: 'HUF',
        rules: { months: [3], minimumInstalment: 1000, firstPaymentInDays: 0 },
        today: '2027-01-01',
      })[0]!.instalments.map((instalment) => instalment.amountMinor),
    ).toEqual([33334, 33334, 33332]);
  });

  it('the first instalment never falls before a due date still ahead: max(today + firstPaymentInDays, due date)', () => {
    expect(getFirstPaymentDate({ today: '2027-01-04', firstPaymentInDays: 14, dueDate: '2027-04-10' })).toBe(
      '2027-04-10',
    );
    expect(getFirstPaymentDate({ today: '2027-04-01', firstPaymentInDays: 14, dueDate: '2027-04-10' })).toBe(
      '2027-04-15',
    );
    expect(getFirstPaymentDate({ today: '2027-06-01', firstPaymentInDays: 14, dueDate: '2027-04-10' })).toBe(
      '2027-06-15',
    );
    expect(getFirstPaymentDate({ today: '2027-01-04', firstPaymentInDays: 14 })).toBe('2027-01-18');
    const rules = { months: [3], minimumInstalment: 25, firstPaymentInDays: 14 };
    const ahead = computePlans({ amount: 12500, currency: 'TWD', rules, today: '2027-01-04', dueDate: '2027-04-10' });
    expect(ahead[0]!.instalments.map((instalment) => instalment.dueDate)).toEqual([
      '2027-04-10',
      '2027-05-10',
      '2027-06-10',
    ]);
    const overdue = computePlans({ amount: 12500, currency: 'TWD', rules, today: '2027-05-01', dueDate: '2027-04-10' });
    expect(overdue[0]!.instalments[0]!.dueDate).toBe('2027-05-15');

    // The server, checking the choice on the pay redirect, computes the same date as the page.
    const record = gentleReminder.schema.parse(gentleReminder.examples.find((example) => example.currency === 'TWD'));
    const campaign = { templateId: gentleReminder.id, planRules: undefined } as unknown as Parameters<
      typeof choosePlan
    >[0]['campaign'];
    expect(choosePlan({ campaign, recipient: { data: record }, months: 3, today: '2027-01-04' })).toEqual({
      months: 3,
      firstPayment: '2027-04-10',
    });
    expect(choosePlan({ campaign, recipient: { data: record }, months: 3, today: '2027-04-20' })).toEqual({
      months: 3,
      firstPayment: '2027-05-04',
    });
  });
});
