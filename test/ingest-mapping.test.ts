import { readFile } from 'node:fs/promises';
import { describe, expect, it } from 'vitest';
import { InputError } from '../server/errors.ts';
import { parseMapping } from '../server/ingest/parse-mapping.ts';
import { failure, fixture, readAll, template, writeTemp } from './helpers/read-all.ts';

const expected = [
  {
    kind: 'accepted',
    row: 2,
    record: {
      id: 'C-1',
      name: 'Anna Verdi',
      amount: 1234.56,
      currency: 'EUR',
      due_date: '2027-03-15',
      invoice: 'FT-1',
      locale: 'it-IT',
      email: 'anna@example.com',
    },
  },
];

describe('parseMapping', () => {
  it('reads --map text, ignoring spaces and the case of field names', () => {
    expect(parseMapping({ text: ' Name = Full Name , amount=Balance', template })).toEqual({
      name: 'Full Name',
      amount: 'Balance',
    });
  });

  it('reads a JSON mapping file; text wins over the file', async () => {
    const fileContents = await readFile(fixture('mapping.json'), 'utf8');
    expect(parseMapping({ fileContents, text: 'amount=Total', template })).toEqual({
      id: 'Customer Code',
      name: 'Full Name',
      amount: 'Total',
      due_date: 'Due',
      invoice: 'Invoice No',
    });
  });

  it('names bad entries and unknown fields', () => {
    const bad = (() => {
      try {
        parseMapping({ text: 'name=Full Name,Balance,=X', template });
      } catch (error) {
        return error as InputError;
      }
    })();
    expect(bad).toBeInstanceOf(InputError);
    expect(bad?.problem).toBe('The column mapping has entries that are not field=Column: Balance, =X');
    expect(() => parseMapping({ text: 'nome=Full Name', template })).toThrow(
      /fields that template gentle-reminder does not have: nome/,
    );
    expect(() => parseMapping({ fileContents: '["name"]', template })).toThrow(InputError);
    expect(() => parseMapping({ fileContents: '{"name": 3}', template })).toThrow(/column is not a name: name/);
    expect(() => parseMapping({ text: 'name=A,Name=B', template })).toThrow(/names name more than once/);
  });
});

describe('readRecords with a mapping', () => {
  it('reads mapped columns given as text', async () => {
    const mapping = parseMapping({
      text: 'id=Customer Code,name=Full Name,amount=Balance,due_date=Due,invoice=Invoice No',
      template,
    });
    expect(await readAll({ path: fixture('mapped.csv'), mapping })).toEqual(expected);
  });

  it('reads mapped columns given as a JSON file', async () => {
    const mapping = parseMapping({ fileContents: await readFile(fixture('mapping.json'), 'utf8'), template });
    expect(await readAll({ path: fixture('mapped.csv'), mapping })).toEqual(expected);
  });

  it('maps keys of JSON records too', async () => {
    const path = await writeTemp({
      name: 'crm.ndjson',
      contents: '{"Customer Code":"C-9","Full Name":"Nine","Balance":"9","Due":"2027-03-15","Invoice No":"F"}\n',
    });
    const mapping = parseMapping({ fileContents: await readFile(fixture('mapping.json'), 'utf8'), template });
    expect(await readAll({ path, mapping })).toEqual([
      { kind: 'accepted', row: 1, record: expect.objectContaining({ id: 'C-9', amount: 9 }) },
    ]);
  });

  it('refuses a mapping naming a field the template lacks, or a column the file lacks', async () => {
    const unknown = await failure(readAll({ path: fixture('mapped.csv'), mapping: { nome: 'Full Name' } }));
    expect(unknown).toBeInstanceOf(InputError);
    expect(unknown.message).toContain('does not have: nome');
    const absent = await failure(readAll({ path: fixture('comma.csv'), mapping: { email: 'E-mail' } }));
    expect(absent.message).toContain('no column for email (mapped to "E-mail")');
  });
});
