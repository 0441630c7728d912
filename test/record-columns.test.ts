import iconv from 'iconv-lite';
import { beforeAll, describe, expect, it } from 'vitest';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { fieldsOf, useOperatorApi } from './helpers/operator-api.ts';

// What the console reads of a records file before it is sent: its format, columns and samples.
const t = useOperatorApi();
const { auth, createCampaign, readColumns } = t;

describe('POST /api/campaigns/:id/records/columns', () => {
  beforeAll(() => createCampaign('columns'));

  it('reads a comma CSV: columns in file order with samples, each field matched by name ignoring case and spaces', async () => {
    const csv =
      'ID, Name ,amount,Due_Date,invoice,Note\nA-1,Anna,10,2027-01-01,F1,\nA-2,Bo,20,2027-01-01,F2,call\nA-3,Cy,30,2027-01-01,F3,\nA-4,Di,40,2027-01-01,F4,late\n';
    const response = await readColumns('columns', 'debtors.csv', csv);
    expect(response.statusCode).toBe(200);
    const answer = response.json();
    expect(answer.format).toBe('csv');
    expect(answer.columns).toEqual([
      { name: 'ID', samples: ['A-1', 'A-2', 'A-3'] },
      { name: 'Name', samples: ['Anna', 'Bo', 'Cy'] },
      { name: 'amount', samples: ['10', '20', '30'] },
      { name: 'Due_Date', samples: ['2027-01-01', '2027-01-01', '2027-01-01'] },
      { name: 'invoice', samples: ['F1', 'F2', 'F3'] },
      // Blank cells are no samples; only the first three rows are read.
      { name: 'Note', samples: ['call'] },
    ]);
    expect(answer.fields.map(({ field }: { field: string }) => field)).toEqual([...gentleReminder.fields]);
    expect(answer.fields[0]).toEqual({ field: 'id', required: true, column: 'ID' });
    expect(fieldsOf(answer)).toMatchObject({ name: 'Name', amount: 'amount', due_date: 'Due_Date', locale: null });
    expect(answer.missing).toEqual([]);
    expect(answer.savedMapping).toBeNull();
  });

  it('reads a semicolon CSV in Windows-1252 and names the required fields without a column', async () => {
    const csv = iconv.encode('Kunde;Name;Betrag\r\nK1;Jürgen Müller;12,50\r\nK2;Zoë;7\r\n', 'windows-1252');
    const answer = (await readColumns('columns', 'export.csv', csv)).json();
    expect(answer.columns).toEqual([
      { name: 'Kunde', samples: ['K1', 'K2'] },
      { name: 'Name', samples: ['Jürgen Müller', 'Zoë'] },
      { name: 'Betrag', samples: ['12,50', '7'] },
    ]);
    expect(answer.missing).toEqual(['id', 'amount', 'due_date', 'invoice']);
    expect(fieldsOf(answer)).toMatchObject({ id: null, name: 'Name', amount: null });
  });

  it('reads the keys of the first records of a JSON array and of NDJSON, sniffed without an extension', async () => {
    const records = [
      { id: 'J1', name: 'Jo', amount: 12.5, due_date: '2027-01-01', invoice: 'F1', tags: ['a'] },
      { id: 'J2', name: 'Li', amount: 3, due_date: '2027-01-01', invoice: 'F2', extra: null, phone: '+31 6' },
    ];
    const json = (await readColumns('columns', 'records.json', JSON.stringify(records, null, 2))).json();
    expect(json.format).toBe('json');
    expect(json.columns).toEqual([
      { name: 'id', samples: ['J1', 'J2'] },
      { name: 'name', samples: ['Jo', 'Li'] },
      { name: 'amount', samples: ['12.5', '3'] },
      { name: 'due_date', samples: ['2027-01-01', '2027-01-01'] },
      { name: 'invoice', samples: ['F1', 'F2'] },
      { name: 'tags', samples: ['["a"]'] },
      { name: 'extra', samples: [] },
      { name: 'phone', samples: ['+31 6'] },
    ]);
    expect(json.missing).toEqual([]);
    const ndjson = (await readColumns('columns', 'upload', records.map((r) => JSON.stringify(r)).join('\n'))).json();
    expect(ndjson.format).toBe('ndjson');
    expect(ndjson.columns).toEqual(json.columns);
  });

  it('leaves out the cut-off last line of a head, in CSV and NDJSON', async () => {
    const head = 262_144;
    const csv = `id,name,amount,due_date,invoice,note\nA-1,Anna,10,2027-01-01,F1,short\nA-2,Bo,20,2027-01-01,F2,${'x'.repeat(head)}\n`;
    const cutCsv = (await readColumns('columns', 'big.csv', Buffer.from(csv).subarray(0, head))).json();
    expect(cutCsv.columns.find(({ name }: { name: string }) => name === 'name').samples).toEqual(['Anna']);
    expect(cutCsv.columns.find(({ name }: { name: string }) => name === 'note').samples).toEqual(['short']);
    // A whole file sent (not only its head) is read up to the head as well.
    const whole = (await readColumns('columns', 'big.csv', csv)).json();
    expect(whole.columns).toEqual(cutCsv.columns);
    const ndjson = `{"id":"N1","name":"Nia"}\n{"id":"N2","name":"${'y'.repeat(head)}"}\n`;
    const cutNdjson = (await readColumns('columns', 'big.ndjson', Buffer.from(ndjson).subarray(0, head))).json();
    expect(cutNdjson.columns).toEqual([
      { name: 'id', samples: ['N1'] },
      { name: 'name', samples: ['Nia'] },
    ]);
    // A minified JSON array is one long line: its whole elements are read, the one left open is not.
    const minified = `[{"id":"J1","name":"Jo"},{"id":"J2","name":"${'z'.repeat(head)}"}]`;
    const cutJson = (await readColumns('columns', 'big.json', Buffer.from(minified).subarray(0, head))).json();
    expect(cutJson.columns).toEqual([
      { name: 'id', samples: ['J1'] },
      { name: 'name', samples: ['Jo'] },
    ]);
    // A small file's last row is whole, even without a line end; one with too few cells shows nothing.
    const small = (await readColumns('columns', 'small.csv', 'id,name\nA-1,Anna\nA-2')).json();
    expect(small.columns).toEqual([
      { name: 'id', samples: ['A-1'] },
      { name: 'name', samples: ['Anna'] },
    ]);
  });

  it('keeps hostile cells as bounded text: huge, formula, lone surrogate, too deep; refuses NUL bytes', async () => {
    const csv = `id,name,note\nA-1,${'Z'.repeat(200_000)},"=HYPERLINK(""http://x.example"",""pay"")"\n`;
    const answer = (await readColumns('columns', 'hostile.csv', csv)).json();
    const [name, note] = answer.columns.slice(1);
    expect(Array.from(name.samples[0] as string)).toHaveLength(80);
    expect(name.samples[0]).toBe(`${'Z'.repeat(79)}…`);
    expect(note.samples).toEqual(['=HYPERLINK("http://x.example","pay")']);
    const emoji = (await readColumns('columns', 'e.csv', `id,name\nA-1,${'😀'.repeat(100)}\n`)).json();
    expect(emoji.columns[1].samples[0]).toBe(`${'😀'.repeat(79)}…`);

    const deep = `${'['.repeat(5000)}${']'.repeat(5000)}`;
    const ndjson = `{"id":"\\ud800x","na\\udc00me":"ok"}\n{"id":"D1","nested":${deep}}\n{"id":"D2","name":"Deb"}\n`;
    const json = (await readColumns('columns', 'hostile.ndjson', ndjson)).json();
    expect(json.columns).toEqual([
      { name: 'id', samples: ['\uFFFDx', 'D2'] },
      { name: 'na\uFFFDme', samples: ['ok'] },
      { name: 'name', samples: ['Deb'] },
    ]);

    const nul = await readColumns('columns', 'nul.csv', Buffer.from('id,name\nA-1,An\u0000na\n'));
    expect(nul.statusCode).toBe(400);
    expect(nul.json().error).toContain('NUL bytes');
  });

  it('answers 400 for an empty or unreadable file, 404 for an unknown campaign', async () => {
    for (const [name, contents] of [
      ['empty.csv', ''],
      ['blank.csv', '\n\n  \n'],
      ['not-array.json', '{"id": 1}'],
      ['broken.json', '[{"id": '],
      ['utf16.csv', Buffer.from('\ufeffid,name\n', 'utf16le')],
    ] as const) {
      const response = await readColumns('columns', name, contents);
      expect(response.statusCode, name).toBe(400);
      expect(response.json().fix, name).toBeTruthy();
    }
    const none = await t.app.inject({
      method: 'POST',
      url: '/api/campaigns/columns/records/columns',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: {},
    });
    expect(none.statusCode).toBe(400);
    expect((await readColumns('no-such-campaign', 'a.csv', 'id\nA\n')).statusCode).toBe(404);
  });
});
