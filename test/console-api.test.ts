import { PassThrough } from 'node:stream';
import type { FastifyInstance } from 'fastify';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { createApiKey } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { makeMultipart } from './helpers/multipart.ts';

// The API the console walks a campaign through, from the records file's columns to its rejects.
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let key: string;
const auth = () => ({ authorization: `Bearer ${key}` });

beforeAll(async () => {
  temp = await makeTempDir('console-api');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  app = await buildApp({ db });
  key = (await createApiKey({ db, name: 'operator person', role: 'operator' })).key;
});

afterAll(async () => {
  await app.close();
  await db.close();
  await temp.remove();
});

async function createCampaign(id: string) {
  const created = await app.inject({
    method: 'POST',
    url: '/api/campaigns',
    headers: auth(),
    payload: { id, template: 'gentle-reminder', payUrl: 'https://pay.example.com/' },
  });
  expect(created.statusCode).toBe(201);
}

async function post(options: {
  url: string;
  name: string;
  contents: string | Buffer;
  fields?: Record<string, string>;
}) {
  const body = await makeMultipart({
    fields: options.fields,
    file: { name: options.name, contents: options.contents },
  });
  return app.inject({
    method: 'POST',
    url: options.url,
    headers: { ...auth(), ...body.headers },
    payload: body.payload,
  });
}

const readColumns = (campaign: string, name: string, contents: string | Buffer) =>
  post({ url: `/api/campaigns/${campaign}/records/columns`, name, contents });

const fieldsOf = (answer: { fields: { field: string; column: string | null }[] }) =>
  Object.fromEntries(answer.fields.map(({ field, column }) => [field, column]));

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
    const none = await app.inject({
      method: 'POST',
      url: '/api/campaigns/columns/records/columns',
      headers: { ...auth(), 'content-type': 'application/json' },
      payload: {},
    });
    expect(none.statusCode).toBe(400);
    expect((await readColumns('no-such-campaign', 'a.csv', 'id\nA\n')).statusCode).toBe(404);
  });
});

describe('the saved mapping of a template', () => {
  const file =
    'Kundennummer,Full Name,"Balance, EUR",Fällig,Rechnung\nK1,Anna,10,2027-01-01,F1\nK2,Bo,-1,2027-01-01,F2\n';

  it('is saved by an upload answered 201 with a map, in text form, and offered for the next file', async () => {
    await createCampaign('mapped-text');
    const upload = await post({
      url: '/api/campaigns/mapped-text/records',
      name: 'a.csv',
      contents: 'Kundennummer,Full Name,Betrag,Fällig,Rechnung\nK1,Anna,10,2027-01-01,F1\n',
      fields: { map: 'id=Kundennummer,name=Full Name,amount=Betrag,due_date=Fällig,invoice=Rechnung' },
    });
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({ read: 1, accepted: 1, rejected: 0 });
    await createCampaign('mapped-next');
    const answer = (await readColumns('mapped-next', 'b.csv', file)).json();
    expect(answer.savedMapping).toEqual({
      id: 'Kundennummer',
      name: 'Full Name',
      amount: 'Betrag',
      due_date: 'Fällig',
      invoice: 'Rechnung',
    });
    // Betrag is not in this file: amount has no column.
    expect(fieldsOf(answer)).toMatchObject({ id: 'Kundennummer', name: 'Full Name', amount: null, due_date: 'Fällig' });
    expect(answer.missing).toEqual(['amount']);
  });

  it('is saved from a JSON map (a column name with a comma), and a refused upload saves nothing', async () => {
    await createCampaign('mapped-json');
    const map = JSON.stringify({
      id: 'Kundennummer',
      Name: 'Full Name',
      amount: 'Balance, EUR',
      due_date: 'Fällig',
      invoice: 'Rechnung',
    });
    const upload = await post({
      url: '/api/campaigns/mapped-json/records',
      name: 'c.csv',
      contents: file,
      fields: { map },
    });
    expect(upload.statusCode).toBe(201);
    expect(upload.json()).toMatchObject({ read: 2, accepted: 1, rejected: 1, rejects: [{ row: 3, field: 'amount' }] });
    await createCampaign('mapped-refused');
    // A mapping naming a column the file lacks, and one that is not JSON: both refused, neither saved.
    for (const refusedMap of ['{"id": "Nowhere"}', '{"id": ']) {
      const refused = await post({
        url: '/api/campaigns/mapped-refused/records',
        name: 'd.csv',
        contents: file,
        fields: { map: refusedMap },
      });
      expect(refused.statusCode).toBe(400);
    }
    const answer = (await readColumns('mapped-refused', 'e.csv', file)).json();
    expect(answer.savedMapping).toEqual(JSON.parse(map.replace('"Name"', '"name"')));
    expect(fieldsOf(answer)).toMatchObject({ id: 'Kundennummer', name: 'Full Name', amount: 'Balance, EUR' });
    expect(answer.missing).toEqual([]);
  });
});

describe('GET /api/campaigns/:id/rejects', () => {
  it('pages through every reject in the order read, with next as the after of the following page', async () => {
    await createCampaign('rejects');
    const rows = Array.from({ length: 7 }, (_, index) => `R${index},Rae,-${index + 1},2027-01-01,F${index}`);
    const csv = ['id,name,amount,due_date,invoice', 'OK1,Oki,5,2027-01-01,F', ...rows].join('\n');
    const upload = await post({ url: '/api/campaigns/rejects/records', name: 'r.csv', contents: csv });
    expect(upload.json()).toMatchObject({ read: 8, accepted: 1, rejected: 7 });
    const seen: { id: number; row: number; field: string; value: string; reason: string }[] = [];
    const pages: number[] = [];
    let after: number | null = 0;
    while (after !== null) {
      const response = await app.inject({
        url: `/api/campaigns/rejects/rejects?after=${after}&limit=3`,
        headers: auth(),
      });
      expect(response.statusCode).toBe(200);
      const page = response.json() as { rejects: typeof seen; next: number | null };
      seen.push(...page.rejects);
      pages.push(page.rejects.length);
      after = page.next;
    }
    expect(pages).toEqual([3, 3, 1]);
    expect(seen.map(({ row }) => row)).toEqual([3, 4, 5, 6, 7, 8, 9]);
    expect(seen[0]).toMatchObject({ row: 3, field: 'amount', value: '-1' });
    expect(seen[0]!.reason).toContain('greater than 0');
    expect(new Set(seen.map(({ id }) => id)).size).toBe(7);
    const first = (await app.inject({ url: '/api/campaigns/rejects/rejects', headers: auth() })).json();
    expect(first).toEqual({ rejects: seen, next: null });
    for (const query of ['limit=0', 'limit=501', 'after=-1', 'after=x']) {
      const bad = await app.inject({ url: `/api/campaigns/rejects/rejects?${query}`, headers: auth() });
      expect(bad.statusCode, query).toBe(400);
    }
    expect((await app.inject({ url: '/api/campaigns/nope/rejects', headers: auth() })).statusCode).toBe(404);
  });
});

describe('an upload in progress', () => {
  it('shows the rows stored so far as progress.read, batch by batch, while the file still arrives', async () => {
    await createCampaign('progress');
    const boundary = 'kindly-progress-boundary';
    const body = new PassThrough();
    const row = (index: number) => `P${index},Pat,${index + 1},2027-01-01,F${index}\n`;
    const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, at) => row(from + at)).join('');
    const upload = app.inject({
      method: 'POST',
      url: '/api/campaigns/progress/records',
      headers: { ...auth(), 'content-type': `multipart/form-data; boundary=${boundary}` },
      payload: body,
    });
    body.write(
      `--${boundary}\r\ncontent-disposition: form-data; name="file"; filename="big.csv"\r\ncontent-type: text/csv\r\n\r\n`,
    );
    body.write(`id,name,amount,due_date,invoice\n${rows(0, 3000)}`);
    // Batches of 500 are stored while the rest of the file has not been sent (past the 64 KiB the encoding is sniffed from).
    let read = 0;
    for (let asked = 0; asked < 10_000 && read < 500; asked += 1) {
      const campaign = await app.inject({ url: '/api/campaigns/progress', headers: auth() });
      read = (campaign.json() as { progress: { read: number } }).progress.read;
    }
    expect(read).toBeGreaterThanOrEqual(500);
    expect(read).toBeLessThanOrEqual(3000);
    expect(read % 500).toBe(0);
    body.end(`${rows(3000, 4000)}\r\n--${boundary}--\r\n`);
    expect((await upload).json()).toMatchObject({ read: 4000, accepted: 4000 });
    const done = (await app.inject({ url: '/api/campaigns/progress', headers: auth() })).json();
    expect(done.progress.read).toBe(4000);
  });
});
