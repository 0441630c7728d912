import crypto from 'node:crypto';
import { parse } from 'csv-parse/sync';
import { parseAmount } from '../../templates/parse-amount.ts';
import { parseDate } from '../../templates/parse-date.ts';
import { InputError } from '../errors.ts';
import type { Payment } from '../store/payments.ts';
import { cleanText, isStorableText, unstorableReason } from '../storable-text.ts';

/** A payments row that could not be read, and why. */
export type PaymentReject = { row: number; field: string; value: string; reason: string };

const columns = {
  recordId: ['id', 'record_id', 'recordid'],
  amount: ['amount'],
  date: ['date', 'paid_at', 'paidat', 'paid_on'],
  paymentId: ['payment_id', 'paymentid'],
  currency: ['currency'],
};

/**
 * Reads a payments CSV (comma or semicolon): the record id (`id`), `amount` and `date`, with an
 * optional `payment_id` and `currency`. Without a payment id, one is made from the row's
 * values, so importing the same file twice counts each payment once.
 */
export function readPaymentsCsv(options: { text: string }): {
  payments: { row: number; payment: Payment }[];
  rejects: PaymentReject[];
} {
  const firstLine = options.text.split('\n', 1)[0] ?? '';
  const delimiter = (firstLine.match(/;/g)?.length ?? 0) > (firstLine.match(/,/g)?.length ?? 0) ? ';' : ',';
  const rows = parse(options.text.replace(/^\uFEFF/, ''), {
    delimiter,
    skip_empty_lines: true,
    relax_column_count: true,
  }) as string[][];
  const header = (rows[0] ?? []).map((name) => name.trim().toLowerCase());
  const find = (names: string[]) => header.findIndex((name) => names.includes(name));
  const at = Object.fromEntries(Object.entries(columns).map(([key, names]) => [key, find(names)])) as Record<
    keyof typeof columns,
    number
  >;
  const missing = (['recordId', 'amount', 'date'] as const).filter((key) => at[key] < 0);
  if (missing.length > 0) {
    throw new InputError({
      problem: `The payments file lacks the column(s) ${missing.map((key) => columns[key][0]).join(', ')}`,
      value: firstLine,
      fix: 'Give it a header row: id,amount,date (optional payment_id, currency)',
    });
  }
  const payments: { row: number; payment: Payment }[] = [];
  const rejects: PaymentReject[] = [];
  rows.slice(1).forEach((cells, index) => {
    const row = index + 2;
    const cell = (key: keyof typeof columns) => (at[key] >= 0 ? (cells[at[key]] ?? '').trim() : '');
    const unstorable = (Object.keys(columns) as (keyof typeof columns)[]).find((key) => !isStorableText(cell(key)));
    if (unstorable)
      return rejects.push({
        row,
        field: columns[unstorable][0]!,
        value: cleanText(cell(unstorable), { maxLength: 200 }),
        reason: `the ${columns[unstorable][0]} ${unstorableReason}`,
      });
    const recordId = cell('recordId');
    const amount = parseAmount(cell('amount'));
    const date = parseDate(cell('date'));
    if (!recordId) return rejects.push({ row, field: 'id', value: '', reason: 'the record id is empty' });
    if (amount === null || amount <= 0)
      return rejects.push({
        row,
        field: 'amount',
        value: cell('amount'),
        reason: 'not a positive amount; write it as 120.50 or 120,50',
      });
    if (!date)
      return rejects.push({
        row,
        field: 'date',
        value: cell('date'),
        reason: 'not a date; write it as 2027-03-15 or 15/03/2027',
      });
    const paymentId =
      cell('paymentId') ||
      `import-${crypto.createHash('sha256').update(`${recordId}\n${amount}\n${date}`).digest('hex').slice(0, 24)}`;
    payments.push({
      row,
      payment: {
        paymentId,
        recordId,
        amount,
        currency: cell('currency') || undefined,
        paidAt: `${date}T00:00:00Z`,
        source: 'import',
      },
    });
  });
  return { payments, rejects };
}
