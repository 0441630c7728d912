import { describe, expect, it } from 'vitest';
import { parseAmount } from '../templates/parse-amount.ts';
import { parseDate } from '../templates/parse-date.ts';
import { formatDate, formatMoney } from '../templates/format.ts';

describe('parseAmount', () => {
  it.each([
    ['1234.5', 1234.5],
    ['1234,5', 1234.5],
    ['1.234,56', 1234.56],
    ['1,234.56', 1234.56],
    ['1 234,56', 1234.56],
    ['1.234.567,89', 1234567.89],
    ['€ 12,00', 12],
    ['1.234', 1234],
    ['-5', -5],
  ])('reads %s as %d', (text, value) => {
    expect(parseAmount(text)).toBe(value);
  });

  it.each(['abc', '', '1,2,3', '12.34.5', '1.23,4.5'])('refuses %j', (text) => {
    expect(parseAmount(text)).toBeNull();
  });

  it.each([
    ['12.345', 12.345],
    ['12,345', 12.345],
    ['1.234,567', 1234.567],
    ['1,234.567', 1234.567],
    ['1.234.567', 1234567],
    ['1234', 1234],
  ])('in a three-decimal currency reads %s as %d', (text, value) => {
    expect(parseAmount(text, { digits: 3 })).toBe(value);
  });
});

describe('parseDate', () => {
  it.each([
    ['2027-03-15', '2027-03-15'],
    ['15/03/2027', '2027-03-15'],
    ['5/3/2027', '2027-03-05'],
    ['15.03.2027', '2027-03-15'],
    ['29/02/2028', '2028-02-29'],
  ])('reads %s as %s', (text, iso) => {
    expect(parseDate(text)).toBe(iso);
  });

  it.each(['31/02/2027', '2027-13-01', '29/02/2027', '03/15/2027', 'tomorrow'])(
    'refuses the impossible or ambiguous %s',
    (text) => {
      expect(parseDate(text)).toBeNull();
    },
  );
});

describe('formatting in the recipient locale', () => {
  it('formats money per locale and currency', () => {
    expect(formatMoney({ amount: 1234.5, currency: 'EUR', locale: 'it-IT' })).toBe('1234,50\u00a0€');
    expect(formatMoney({ amount: 1_000_000, currency: 'EUR', locale: 'it-IT' })).toBe('1.000.000,00\u00a0€');
    expect(formatMoney({ amount: 89.9, currency: 'GBP', locale: 'en-GB' })).toBe('£89.90');
  });

  it('formats dates per locale', () => {
    expect(formatDate({ isoDate: '2027-03-15', locale: 'it-IT' })).toBe('15 marzo 2027');
    expect(formatDate({ isoDate: '2027-03-15', locale: 'en-GB' })).toBe('15 March 2027');
  });
});
