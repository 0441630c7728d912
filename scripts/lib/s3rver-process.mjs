// s3rver in a process of its own. Its list continuation tokens use DES, which Node's OpenSSL 3
// only offers with --openssl-legacy-provider, a flag a test worker cannot take on once started.
// Prints {"port"} once listening, then one {"event","key"} line per object stored or deleted;
// exits when its parent goes (stdin closes) or on SIGTERM.
import S3rver from 's3rver';

const server = new S3rver({ address: '127.0.0.1', port: 0, directory: process.argv[2], silent: true });
server.on('event', (event) => {
  for (const record of event.Records)
    process.stdout.write(`${JSON.stringify({ event: record.eventName, key: record.s3.object.key })}\n`);
});
const { port } = await server.run();
process.stdout.write(`${JSON.stringify({ port })}\n`);
const stop = () => server.close().finally(() => process.exit(0));
process.once('SIGTERM', stop);
process.stdin.on('close', stop).resume();
