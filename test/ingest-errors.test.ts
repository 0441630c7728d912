import { describe, expect, it } from 'vitest';
import { InputError } from '../server/errors.ts';
import { failure, readAll, writeTemp } from './helpers/read-all.ts';

describe('readRecords: files that cannot be read', () => {
  it('names a missing required column, the columns found and the fix', async () => {
    const path = await writeTemp({ name: 'short.csv', contents: 'id,name,Balance,invoice\nA,B,1,F\n' });
    const error = await failure(readAll({ path }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.problem).toBe('The records file has no column for amount, due_date');
    expect(error.fix).toContain('Columns in the file: "id", "name", "Balance", "invoice"');
    expect(error.fix).toContain('--map amount=Column');
  });

  it('refuses an empty or blank file', async () => {
    for (const contents of ['', ' \r\n\n\t ', '\uFEFF\n']) {
      const path = await writeTemp({ name: 'empty.csv', contents });
      const error = await failure(readAll({ path }));
      expect(error).toBeInstanceOf(InputError);
      expect(error.problem).toBe('The records file is empty');
    }
  });

  it('refuses a missing file, naming the path', async () => {
    const error = await failure(readAll({ path: '/nonexistent/records.csv' }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.problem).toBe('The records file does not exist');
    expect(error.value).toBe('"/nonexistent/records.csv"');
  });

  it('refuses UTF-16 and NUL bytes, telling to save as UTF-8', async () => {
    const utf16 = await writeTemp({
      name: 'u16.csv',
      contents: Buffer.concat([Buffer.from([0xff, 0xfe]), Buffer.from('id,name\n', 'utf16le')]),
    });
    const nul = await writeTemp({ name: 'nul.csv', contents: Buffer.from('id,name\n\u0000A,B\n') });
    for (const path of [utf16, nul]) {
      const error = await failure(readAll({ path }));
      expect(error).toBeInstanceOf(InputError);
      expect(error.problem).toContain('encoding Kindly cannot read');
      expect(error.fix).toContain('UTF-8');
    }
  });

  it('refuses a quote that is never closed', async () => {
    const path = await writeTemp({
      name: 'quote.csv',
      contents: 'id,name,amount,due_date,invoice\nA,"Open,1,2027-03-15,F\nB,Closed,1,2027-03-15,F\n',
    });
    const error = await failure(readAll({ path }));
    expect(error).toBeInstanceOf(InputError);
    expect(error.problem).toContain('quote that is never closed');
  });
});
