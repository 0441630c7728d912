import { describe, expect, it } from 'vitest';
import { InputError } from '../server/errors.ts';
import { failure, fixture, readAll, writeTemp } from './helpers/read-all.ts';

describe('readRecords: JSON and NDJSON', () => {
  it('reads a JSON array, numbering elements from 1', async () => {
    const events = await readAll({ path: fixture('records.json') });
    expect(events).toEqual([
      {
        kind: 'accepted',
        row: 1,
        record: {
          id: 'J-1',
          name: 'Ada "The Countess" Lovelace',
          amount: 1234.56,
          currency: 'EUR',
          due_date: '2027-03-15',
          invoice: 'FT-1',
          locale: 'en-GB',
        },
      },
      {
        kind: 'accepted',
        row: 2,
        record: {
          id: 'J-2',
          name: 'Brace } [ Person',
          amount: 1234.56,
          currency: 'EUR',
          due_date: '2027-03-15',
          invoice: 'FT-2',
          locale: 'it-IT',
        },
      },
      {
        kind: 'rejected',
        row: 3,
        issues: [
          {
            field: '*',
            value: '42',
            reason: 'element 3 is a number, not an object; write each record as {"id": "...", "name": "...", ...}',
          },
        ],
      },
      {
        kind: 'rejected',
        row: 4,
        issues: [
          {
            field: 'amount',
            value: '',
            reason: 'amount is missing or not a number; write it like 1234.56 or 1.234,56',
          },
        ],
      },
    ]);
  });

  it('reads NDJSON, numbering lines from 1 and skipping blank ones', async () => {
    const events = await readAll({ path: fixture('records.ndjson') });
    expect(events).toEqual([
      { kind: 'accepted', row: 1, record: expect.objectContaining({ id: 'N-1', amount: 10 }) },
      {
        kind: 'rejected',
        row: 3,
        issues: [
          {
            field: '*',
            value: '{"id": "N-3", "name": "Broken", ',
            reason: expect.stringMatching(/^line 3 is not valid JSON: .*; fix the syntax$/),
          },
        ],
      },
      {
        kind: 'rejected',
        row: 4,
        issues: [
          {
            field: '*',
            value: '["not", "an", "object"]',
            reason: expect.stringContaining('line 4 is an array, not an object'),
          },
        ],
      },
      {
        kind: 'accepted',
        row: 5,
        record: {
          id: 'N-5',
          name: 'Line Five',
          amount: 5.5,
          currency: 'CHF',
          due_date: '2027-03-31',
          invoice: 'FT-5',
          locale: 'en-GB',
        },
      },
    ]);
  });

  it('sniffs JSON and NDJSON from the first character when the extension says nothing', async () => {
    const array = await writeTemp({
      name: 'records.dat',
      contents: '\n  [{"id":"A","name":"A","amount":1,"due_date":"2027-03-15","invoice":"F"}]',
    });
    const lines = await writeTemp({
      name: 'records.dat',
      contents: '{"id":"B","name":"B","amount":2,"due_date":"2027-03-15","invoice":"F"}\n',
    });
    expect(await readAll({ path: array })).toEqual([
      { kind: 'accepted', row: 1, record: expect.objectContaining({ id: 'A' }) },
    ]);
    expect(await readAll({ path: lines })).toEqual([
      { kind: 'accepted', row: 1, record: expect.objectContaining({ id: 'B' }) },
    ]);
  });

  it('refuses JSON that is not an array, or is cut short', async () => {
    const object = await writeTemp({ name: 'records.json', contents: '{"records": []}' });
    const cut = await writeTemp({ name: 'records.json', contents: '[{"id": "A"}, {"id": "B"' });
    const notArray = await failure(readAll({ path: object }));
    expect(notArray).toBeInstanceOf(InputError);
    expect(notArray.message).toContain('The JSON file is not an array of records');
    expect((await failure(readAll({ path: cut }))).message).toContain('never closed');
  });
});
