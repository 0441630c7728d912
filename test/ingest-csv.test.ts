import { Readable } from 'node:stream';
import iconv from 'iconv-lite';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../server/ingest/read-records.ts';
import { fixture, readAll, template, writeTemp } from './helpers/read-all.ts';

const header = 'id,name,amount,currency,due_date,invoice,locale,email,phone';

describe('readRecords: CSV', () => {
  it('reads a comma CSV, applying the schema defaults and normalisations', async () => {
    const events = await readAll({ path: fixture('comma.csv') });
    expect(events).toEqual([
      {
        kind: 'accepted',
        row: 2,
        record: {
          id: 'CUST-1',
          name: 'Maria Rossi',
          amount: 1234.5,
          currency: 'EUR',
          due_date: '2027-03-15',
          invoice: 'FT-1',
          locale: 'it-IT',
          email: 'maria@example.com',
          phone: '+393331234567',
        },
      },
      {
        kind: 'accepted',
        row: 3,
        record: {
          id: 'CUST-2',
          name: 'Oliver Bennett',
          amount: 89.9,
          currency: 'GBP',
          due_date: '2027-02-28',
          invoice: 'INV-2',
          locale: 'en-GB',
        },
      },
      {
        kind: 'accepted',
        row: 4,
        record: {
          id: 'CUST-3',
          name: 'Jean Dubois',
          amount: 75,
          currency: 'EUR',
          due_date: '2027-03-31',
          invoice: 'FT-3',
          locale: 'it-IT',
        },
      },
    ]);
  });

  it('reads a semicolon CSV with CRLF, decimal commas, day-first dates and headers in any case', async () => {
    const events = await readAll({ path: fixture('semicolon.csv') });
    expect(events).toEqual([
      {
        kind: 'accepted',
        row: 2,
        record: {
          id: 'IT-1',
          name: 'Rossi; Maria',
          amount: 1234.56,
          currency: 'EUR',
          due_date: '2027-03-15',
          invoice: 'FT-1',
          locale: 'it-IT',
        },
      },
      {
        kind: 'accepted',
        row: 3,
        record: {
          id: 'IT-2',
          name: 'Bianchi Luca',
          amount: 12,
          currency: 'EUR',
          due_date: '2027-12-01',
          invoice: 'FT-2',
          locale: 'it-IT',
        },
      },
      {
        kind: 'accepted',
        row: 4,
        record: {
          id: 'IT-3',
          name: 'Verdi Anna',
          amount: 1_000_000,
          currency: 'EUR',
          due_date: '2028-01-05',
          invoice: 'FT-3',
          locale: 'it-IT',
        },
      },
    ]);
  });

  it('reads a tab-separated file with no extension', async () => {
    const path = await writeTemp({
      name: 'export',
      contents: 'id\tname\tamount\tdue_date\tinvoice\nT-1\tTab, Person\t5\t2027-03-15\tF-1\n',
    });
    const events = await readAll({ path });
    expect(events).toEqual([
      { kind: 'accepted', row: 2, record: expect.objectContaining({ id: 'T-1', name: 'Tab, Person', amount: 5 }) },
    ]);
  });

  it('strips a UTF-8 BOM before the header', async () => {
    const path = await writeTemp({
      name: 'bom.csv',
      contents: `\uFEFF${header}\nB-1,Zoë Ångström,10,EUR,2027-03-15,F-1,en-GB,,\n`,
    });
    const events = await readAll({ path });
    expect(events).toEqual([
      { kind: 'accepted', row: 2, record: expect.objectContaining({ id: 'B-1', name: 'Zoë Ångström' }) },
    ]);
  });

  it('decodes a Windows-1252 file, accents and euro sign included', async () => {
    const text =
      'id;name;amount;due_date;invoice\r\nW-1;Niccolò Fabbrì;€ 12,50;30/04/2027;FT-44\r\nW-2;François Müller;3,00;01/05/2027;FT-45\r\n';
    const path = await writeTemp({ name: 'excel.csv', contents: iconv.encode(text, 'windows-1252') });
    const events = await readAll({ path });
    expect(events).toEqual([
      {
        kind: 'accepted',
        row: 2,
        record: {
          id: 'W-1',
          name: 'Niccolò Fabbrì',
          amount: 12.5,
          currency: 'EUR',
          due_date: '2027-04-30',
          invoice: 'FT-44',
          locale: 'it-IT',
        },
      },
      {
        kind: 'accepted',
        row: 3,
        record: {
          id: 'W-2',
          name: 'François Müller',
          amount: 3,
          currency: 'EUR',
          due_date: '2027-05-01',
          invoice: 'FT-45',
          locale: 'it-IT',
        },
      },
    ]);
  });

  it('rejects a row that is not UTF-8 in a file that starts as UTF-8', async () => {
    const filler = Array.from(
      { length: 1500 },
      (_, index) => `U-${index},Ünïcode Person,10,EUR,2027-03-15,F-${index},it-IT,,`,
    ).join('\n');
    const bad = Buffer.concat([
      Buffer.from('U-bad,Niccol'),
      Buffer.from([0xf2]),
      Buffer.from(',10,EUR,2027-03-15,F-bad,it-IT,,\n'),
    ]);
    const path = await writeTemp({
      name: 'mixed.csv',
      contents: Buffer.concat([Buffer.from(`${header}\n${filler}\n`), bad]),
    });
    expect(Buffer.from(filler).length).toBeGreaterThan(64 * 1024);
    const events = await readAll({ path });
    expect(events).toHaveLength(1501);
    expect(events.filter((event) => event.kind === 'rejected')).toEqual([
      {
        kind: 'rejected',
        row: 1502,
        issues: [{ field: 'name', value: 'Niccol\uFFFD', reason: expect.stringContaining('save the file as UTF-8') }],
      },
    ]);
  });

  it('reads 0 records from a file with only a header', async () => {
    const path = await writeTemp({ name: 'header.csv', contents: `${header}\r\n` });
    expect(await readAll({ path })).toEqual([]);
  });

  it('reads from a stream named like a file', async () => {
    const stream = Readable.from([`${header}\nS-1,Stream`, ' Person,7,EUR,2027-03-15,F-1,,,\n']);
    const events = [];
    for await (const event of readRecords({ source: { stream, name: 'upload.csv' }, template })) events.push(event);
    expect(events).toEqual([
      { kind: 'accepted', row: 2, record: expect.objectContaining({ id: 'S-1', name: 'Stream Person', amount: 7 }) },
    ]);
  });
});
