import { once } from 'node:events';
import { createWriteStream } from 'node:fs';
import { PassThrough } from 'node:stream';
import { mkdtemp } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { readRecords } from '../server/ingest/read-records.ts';
import { template } from './helpers/read-all.ts';

const total = 100_000;
const mb = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

/** Every 1000th record has a bad amount, and record 50001 repeats the id of record 1. */
const fields = (index: number) => ({
  id: index === 50_001 ? 'ID-1' : `ID-${index}`,
  name: `Niccolò Fabbrì ${index}`,
  amount: index % 1000 === 0 ? 'abc' : '1.234,56',
  due_date: '15/03/2027',
  invoice: `FT-${index}`,
});
const expectedRejects = total / 1000 + 1;

async function writeLines(options: {
  name: string;
  first?: string;
  last?: string;
  line: (index: number) => string;
  separator: string;
}): Promise<string> {
  const path = join(await mkdtemp(join(tmpdir(), 'kindly-ingest-')), options.name);
  const out = createWriteStream(path);
  if (options.first) out.write(options.first);
  for (let index = 1; index <= total; index += 1) {
    const chunk = options.line(index) + (index < total ? options.separator : '');
    if (!out.write(chunk)) await once(out, 'drain');
  }
  out.end(options.last ?? '');
  await once(out, 'finish');
  return path;
}

async function count(path: string) {
  const before = process.memoryUsage().heapUsed;
  let peak = before;
  const counts = { read: 0, accepted: 0, rejected: 0, mangled: 0 };
  for await (const event of readRecords({ source: { path }, template })) {
    counts.read += 1;
    counts[event.kind] += 1;
    if (event.kind === 'accepted' && !(event.record as unknown as { name: string }).name.startsWith('Niccolò Fabbrì '))
      counts.mangled += 1;
    if (counts.read % 5000 === 0) peak = Math.max(peak, process.memoryUsage().heapUsed);
  }
  console.log(`${path.split('/').pop()}: ${counts.read} records, heap growth at peak ${mb(peak - before)}`);
  return { ...counts, growth: peak - before };
}

describe('readRecords: large files', () => {
  it('streams a 100k-row CRLF CSV with one event per row', { timeout: 120_000 }, async () => {
    const path = await writeLines({
      name: 'big.csv',
      first: 'id;name;amount;due_date;invoice\r\n',
      separator: '\r\n',
      line: (index) => Object.values(fields(index)).join(';'),
    });
    const result = await count(path);
    expect(result.read).toBe(total);
    expect(result.accepted + result.rejected).toBe(total);
    expect(result.rejected).toBe(expectedRejects);
    expect(result.mangled).toBe(0);
    expect(result.growth).toBeLessThan(200 * 1024 * 1024);
  });

  it('streams a 100k-element JSON array and a 100k-line NDJSON file', { timeout: 120_000 }, async () => {
    const array = await writeLines({
      name: 'big.json',
      first: '[\n',
      last: '\n]\n',
      separator: ',\n',
      line: (index) => JSON.stringify(fields(index)),
    });
    const lines = await writeLines({
      name: 'big.ndjson',
      separator: '\n',
      line: (index) => JSON.stringify(fields(index)),
    });
    for (const path of [array, lines]) {
      const result = await count(path);
      expect(result.read).toBe(total);
      expect(result.accepted + result.rejected).toBe(total);
      expect(result.rejected).toBe(expectedRejects);
      expect(result.mangled).toBe(0);
      expect(result.growth).toBeLessThan(200 * 1024 * 1024);
    }
  });

  it('yields records before the source has ended, and releases it when the reader stops early', async () => {
    const stream = new PassThrough();
    stream.write('id,name,amount,due_date,invoice\n');
    for (let index = 1; index <= 2000; index += 1)
      stream.write(`P-${index},Person ${index},10,2027-03-15,F-${index}\n`);
    const events = readRecords({ source: { stream, name: 'upload.csv' }, template });
    const first = await events.next();
    expect(first.value).toMatchObject({ kind: 'accepted', row: 2, record: { id: 'P-1' } });
    expect(stream.writableEnded).toBe(false);
    await events.return(undefined);
    expect(stream.destroyed).toBe(true);
  });
});
