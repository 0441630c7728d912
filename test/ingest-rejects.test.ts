import { describe, expect, it } from 'vitest';
import { fixture, readAll, writeTemp } from './helpers/read-all.ts';

const reject = (row: number, field: string, value: string, reason: string) => ({
  kind: 'rejected',
  row,
  issues: [{ field, value, reason }],
});

describe('readRecords: rejected rows', () => {
  it('rejects each bad row with the field, raw value and reason, and accepts the rest', async () => {
    const events = await readAll({ path: fixture('rejects.csv') });
    expect(events).toEqual([
      reject(2, 'amount', '-5', 'amount must be greater than 0; zero or credit balances have nothing to collect'),
      reject(3, 'amount', '0', 'amount must be greater than 0; zero or credit balances have nothing to collect'),
      reject(
        4,
        'amount',
        '10000000000',
        'amount is above 9999999999.99, the most a debt in EUR may be (10^12 of its smallest unit in use); check the column and the decimal separator',
      ),
      reject(5, 'amount', 'abc', 'amount is missing or not a number; write it like 1234.56 or 1.234,56'),
      reject(6, 'due_date', '31/02/2027', 'due_date is not a real calendar date; write it as 2027-03-15 or 15/03/2027'),
      reject(7, 'due_date', '2027-13-01', 'due_date is not a real calendar date; write it as 2027-03-15 or 15/03/2027'),
      reject(8, 'currency', 'EURO', 'currency is not an ISO 4217 code; use one such as EUR, GBP or CHF'),
      reject(9, 'locale', 'de-DE', 'locale is not offered by this template; use one of it-IT, en-GB, fr-FR, zh-TW'),
      reject(10, 'email', 'not-an-email', 'email is not a valid address; fix it or leave it blank'),
      reject(11, 'id', 'R-2', 'duplicate id; first seen on row 2; keep one row per debtor'),
      reject(
        12,
        '*',
        'R-12,Short,10',
        'row has 3 cells but the header has 8; quote values that contain "," and remove extra delimiters',
      ),
      {
        kind: 'accepted',
        row: 13,
        record: {
          id: 'R-13',
          name: 'Two\nLines',
          amount: 10,
          currency: 'EUR',
          due_date: '2027-03-15',
          invoice: 'F-13',
          locale: 'it-IT',
        },
      },
      {
        kind: 'accepted',
        row: 15,
        record: {
          id: 'R-15',
          name: '<script>alert(1)</script>',
          amount: 10,
          currency: 'EUR',
          due_date: '2027-03-15',
          invoice: 'F-15',
          locale: 'it-IT',
        },
      },
      {
        kind: 'accepted',
        row: 16,
        record: {
          id: 'R-16',
          name: 'Quote "inside"',
          amount: 10,
          currency: 'EUR',
          due_date: '2027-03-15',
          invoice: 'F-16',
          locale: 'en-GB',
        },
      },
      { kind: 'accepted', row: 18, record: expect.objectContaining({ id: 'R-18', amount: 10_000_000 }) },
      {
        kind: 'accepted',
        row: 20,
        record: expect.objectContaining({ id: 'R-20', name: 'Semicolon;in;name', amount: 1 }),
      },
    ]);
  });

  it('numbers rows by the line they start on when quoted values span CRLF lines', async () => {
    const text = [
      'id,name,amount,due_date,invoice',
      'M-2,"Multi\r\nLine\r\nName",10,2027-03-15,F-2',
      'M-5,Plain,10,2027-03-15,F-5',
      'M-6,"Another\r\nOne",x,2027-03-15,F-6',
      'M-8,Last,10,2027-03-15,F-8',
    ].join('\r\n');
    const events = await readAll({ path: await writeTemp({ name: 'multi.csv', contents: text }) });
    expect(events.map((event) => [event.row, event.kind])).toEqual([
      [2, 'accepted'],
      [5, 'accepted'],
      [6, 'rejected'],
      [8, 'accepted'],
    ]);
    expect(events[0]).toMatchObject({ record: { name: 'Multi\nLine\nName' } });
  });

  it('reports every failing field of a row, and a duplicate on top of them', async () => {
    const text = 'id,name,amount,due_date,invoice\nD-1,One,1,2027-03-15,F\nD-1,,-1,someday,F\n';
    const events = await readAll({ path: await writeTemp({ name: 'many.csv', contents: text }) });
    expect(events[1]).toEqual({
      kind: 'rejected',
      row: 3,
      issues: [
        { field: 'name', value: '', reason: 'name is missing; fill it in' },
        { field: 'amount', value: '-1', reason: expect.stringContaining('greater than 0') },
        { field: 'due_date', value: 'someday', reason: expect.stringContaining('not a real calendar date') },
        { field: 'id', value: 'D-1', reason: 'duplicate id; first seen on row 2; keep one row per debtor' },
      ],
    });
  });
});
