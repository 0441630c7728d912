/**
 * The baseline of `npm run bench:tracking`: the least a beacon endpoint can do on this machine.
 * A bare fastify server that takes the same beacon (text/plain JSON), parses it, checks the
 * token and type, and stores the same event row in the same PostgreSQL with the store's multi-row inserts
 * (a batch every 5 ms or 500 events, answering each beacon once its row is stored, as Kindly
 * does). No rate limit, bot flags, visitor hash or detail checks: those are what Kindly adds.
 * Usage (by bench-tracking.ts): node --import tsx scripts/bench-tracking-baseline.ts <database url> <port> <campaign id>
 */
import Fastify from 'fastify';
import { insertEvents, type NewEvent } from '../server/store/events.ts';
import { openPostgresStore } from '../server/store/open-postgres-store.ts';
import { pageThroughRecipients } from '../server/store/page-through-recipients.ts';

const [url, port, campaignId] = process.argv.slice(2) as [string, string, string];
const db = await openPostgresStore({ url, maxConnections: 2 });
const recordIds = new Map<string, string>();
for await (const recipient of pageThroughRecipients({
  db,
  campaignId,
  statuses: ['queued', 'rendering', 'published', 'failed'],
  pageSize: 1000,
})) {
  recordIds.set(recipient.token, recipient.recordId);
}

type Waiting = { row: NewEvent; done: (error?: unknown) => void };
const queue: Waiting[] = [];
let timer: NodeJS.Timeout | undefined;
const flush = async () => {
  timer = undefined;
  const batch = queue.splice(0, 500);
  if (queue.length > 0) timer = setTimeout(() => void flush(), 0);
  try {
    await insertEvents({ db, rows: batch.map((waiting) => waiting.row) });
    for (const waiting of batch) waiting.done();
  } catch (error) {
    for (const waiting of batch) waiting.done(error);
  }
};
const store = (row: NewEvent) =>
  new Promise<void>((resolve, reject) => {
    queue.push({ row, done: (error) => (error === undefined ? resolve() : reject(error)) });
    if (queue.length >= 500) void flush();
    else timer ??= setTimeout(() => void flush(), 5);
  });

const app = Fastify({ logger: false });
app.addContentTypeParser('text/plain', { parseAs: 'string' }, (_request, body, done) => done(null, body));
app.post('/t/e', async (request, reply) => {
  let beacon: { token?: unknown; type?: unknown };
  try {
    beacon = JSON.parse(String(request.body)) as typeof beacon;
  } catch {
    return reply.code(400).send();
  }
  const recordId = typeof beacon.token === 'string' ? recordIds.get(beacon.token) : undefined;
  if (!recordId || typeof beacon.type !== 'string') return reply.code(404).send();
  await store({ campaignId, recordId, type: beacon.type, at: new Date() });
  return reply.code(204).send();
});
await app.listen({ host: '127.0.0.1', port: Number(port) });
console.log('Serving');
const stop = async () => {
  await app.close();
  if (timer) clearTimeout(timer);
  while (queue.length > 0) await flush();
  await db.close();
  process.exit(0);
};
process.once('SIGTERM', () => void stop());
