// The load side of `npm run bench:tracking`, run as its own process so it does not share the
// server's CPU time slice: autocannon sends page-event beacons (text/plain JSON, as track.js
// does) for many personal links, and prints its result as JSON on stdout.
import fs from 'node:fs';
import autocannon from 'autocannon';

const [url, seconds, connections, tokensFile] = process.argv.slice(2);
const tokens = JSON.parse(fs.readFileSync(tokensFile, 'utf8'));
const types = [
  'view',
  'play',
  'progress_10',
  'progress_20',
  'progress_30',
  'progress_40',
  'progress_50',
  'progress_60',
  'progress_70',
  'progress_80',
  'progress_90',
  'complete',
];
const agent =
  'Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/131.0.0.0 Mobile Safari/537.36';
let sent = 0;

const result = await autocannon({
  url,
  duration: Number(seconds),
  connections: Number(connections),
  pipelining: 1,
  timeout: 10,
  requests: [
    {
      method: 'POST',
      path: '/t/e',
      headers: { 'content-type': 'text/plain', 'user-agent': agent },
      setupRequest: (request) => {
        const index = sent++;
        return {
          ...request,
          body: JSON.stringify({
            token: tokens[index % tokens.length],
            type: types[Math.floor(index / tokens.length) % types.length],
          }),
        };
      },
    },
  ],
});
process.stdout.write(JSON.stringify({ sent, result }));
