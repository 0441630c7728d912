import { PassThrough } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { fieldsOf, useOperatorApi } from './helpers/operator-api.ts';

// The API the console walks a campaign through after the columns: the saved mapping, the rejects, the progress.
const t = useOperatorApi();
const { auth, createCampaign, post, readColumns } = t;

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
      const response = await t.app.inject({
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
    const first = (await t.app.inject({ url: '/api/campaigns/rejects/rejects', headers: auth() })).json();
    expect(first).toEqual({ rejects: seen, next: null });
    for (const query of ['limit=0', 'limit=501', 'after=-1', 'after=x']) {
      const bad = await t.app.inject({ url: `/api/campaigns/rejects/rejects?${query}`, headers: auth() });
      expect(bad.statusCode, query).toBe(400);
    }
    expect((await t.app.inject({ url: '/api/campaigns/nope/rejects', headers: auth() })).statusCode).toBe(404);
  });
});

describe('an upload in progress', () => {
  it('shows the rows stored so far as progress.read, batch by batch, while the file still arrives', async () => {
    await createCampaign('progress');
    const boundary = 'kindly-progress-boundary';
    const body = new PassThrough();
    const row = (index: number) => `P${index},Pat,${index + 1},2027-01-01,F${index}\n`;
    const rows = (from: number, to: number) => Array.from({ length: to - from }, (_, at) => row(from + at)).join('');
    const upload = t.app.inject({
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
      const campaign = await t.app.inject({ url: '/api/campaigns/progress', headers: auth() });
      read = (campaign.json() as { progress: { read: number } }).progress.read;
    }
    expect(read).toBeGreaterThanOrEqual(500);
    expect(read).toBeLessThanOrEqual(3000);
    expect(read % 500).toBe(0);
    body.end(`${rows(3000, 4000)}\r\n--${boundary}--\r\n`);
    expect((await upload).json()).toMatchObject({ read: 4000, accepted: 4000 });
    const done = (await t.app.inject({ url: '/api/campaigns/progress', headers: auth() })).json();
    expect(done.progress.read).toBe(4000);
  });
});
