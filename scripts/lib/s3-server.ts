import { spawn } from 'node:child_process';
import { once } from 'node:events';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { CreateBucketCommand, S3Client } from '@aws-sdk/client-s3';
import { makeTempDir } from './temp-dir.ts';

/** A real S3-protocol server (s3rver) of the test's own, on a random loopback port, with one bucket. */
export type S3Server = {
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** Keys of the objects the server stored, in the order it stored them (lines arrive a moment after the HTTP answer). */
  created: string[];
  stop: () => Promise<void>;
};

const script = fileURLToPath(new URL('./s3rver-process.mjs', import.meta.url));

/** s3rver's one account; it checks the access key id of every request. */
const account = { accessKeyId: 'S3RVER', secretAccessKey: 'S3RVER' };

export async function startS3Server(options: { bucket: string }): Promise<S3Server> {
  const temp = await makeTempDir('s3');
  const child = spawn(process.execPath, ['--openssl-legacy-provider', script, temp.dir], {
    stdio: ['pipe', 'pipe', 'inherit'],
  });
  const exited = once(child, 'exit');
  const created: string[] = [];
  const port = await new Promise<number>((resolve, reject) => {
    child.once('exit', (code) => reject(new Error(`s3rver exited (${code}) before listening`)));
    readline.createInterface({ input: child.stdout }).on('line', (line) => {
      const message = JSON.parse(line) as { port?: number; event?: string; key?: string };
      if (message.port) resolve(message.port);
      if (message.key && message.event?.startsWith('ObjectCreated:')) created.push(message.key);
    });
  });
  const endpoint = `http://127.0.0.1:${port}`;
  const client = new S3Client({ endpoint, region: 'us-east-1', forcePathStyle: true, credentials: account });
  await client.send(new CreateBucketCommand({ Bucket: options.bucket }));
  client.destroy();
  return {
    endpoint,
    bucket: options.bucket,
    region: 'us-east-1',
    ...account,
    created,
    stop: async () => {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await exited;
      }
      await temp.remove();
    },
  };
}
