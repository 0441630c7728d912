import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { DeleteObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { KindlyError } from '../server/errors.ts';
import { makeS3SegmentCache } from '../server/render/make-s3-segment-cache.ts';
import { startS3Server, type S3Server } from '../scripts/lib/s3-server.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

let s3: S3Server;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
const settings = () => ({
  endpoint: s3.endpoint,
  bucket: s3.bucket,
  region: s3.region,
  accessKeyId: s3.accessKeyId,
  secretAccessKey: s3.secretAccessKey,
  forcePathStyle: true,
  prefix: 'segments',
});
/** One machine of a farm: its own local folder in front of the shared bucket. */
const machine = (name: string) => makeS3SegmentCache({ ...settings(), localDir: path.join(temp.dir, name) });
const key = () => crypto.randomBytes(32).toString('hex');

const writeEntry = async (name: string) => {
  const dir = path.join(temp.dir, `rendered-${crypto.randomUUID()}`);
  await fs.mkdir(dir, { recursive: true });
  const files = { 'video.ts': path.join(dir, 'video.ts'), 'audio.aac': path.join(dir, 'audio.aac') };
  await fs.writeFile(files['video.ts'], `video of ${name}`);
  await fs.writeFile(files['audio.aac'], crypto.randomBytes(300_000));
  return files;
};
const readAll = async (files: Record<string, string>) =>
  Object.fromEntries(
    await Promise.all(Object.entries(files).map(async ([name, file]) => [name, await fs.readFile(file)] as const)),
  );

beforeAll(async () => {
  s3 = await startS3Server({ bucket: `segments-${crypto.randomBytes(4).toString('hex')}` });
  temp = await makeTempDir('s3-segments');
});

afterAll(async () => {
  await s3?.stop();
  await temp?.remove();
});

describe('the S3-backed segment cache, against a real S3-protocol server', () => {
  it('a segment one machine rendered is found by another, byte for byte, and then kept locally', async () => {
    const first = machine('first');
    const second = machine('second');
    const entryKey = key();
    const rendered = await writeEntry('chunk 1');
    const expected = await readAll(rendered);
    expect(await second.get({ key: entryKey })).toBeUndefined();

    const stored = await first.put({ key: entryKey, files: rendered });
    expect(Object.keys(stored).sort()).toEqual(['audio.aac', 'video.ts']);
    // The manifest goes last: until it is there, readers take the entry as absent.
    const uploaded = () =>
      s3.created.filter((created) => created.includes(entryKey)).map((created) => path.basename(created));
    await expect.poll(() => uploaded().length).toBe(3);
    expect(uploaded().at(-1)).toBe('manifest.json');
    expect(uploaded().sort()).toEqual(['audio.aac', 'manifest.json', 'video.ts']);

    const fetched = await second.get({ key: entryKey });
    expect(fetched).toBeDefined();
    expect(fetched!['video.ts']!.startsWith(path.join(temp.dir, 'second'))).toBe(true);
    expect(await readAll(fetched!)).toEqual(expected);

    // Once downloaded, the second machine reads it from its own folder (the bucket copy may go).
    const client = new S3Client({
      ...settings(),
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    for (const name of ['video.ts', 'audio.aac', 'manifest.json']) {
      await client.send(
        new DeleteObjectCommand({ Bucket: s3.bucket, Key: `segments/${entryKey.slice(0, 2)}/${entryKey}/${name}` }),
      );
    }
    client.destroy();
    expect(await readAll((await second.get({ key: entryKey }))!)).toEqual(expected);
    expect(await machine('third').get({ key: entryKey })).toBeUndefined();
  });

  it('an entry whose manifest is not written yet is absent, and a second writer of the same key keeps the first copy', async () => {
    const entryKey = key();
    const client = new S3Client({
      ...settings(),
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    const { PutObjectCommand } = await import('@aws-sdk/client-s3');
    await client.send(
      new PutObjectCommand({
        Bucket: s3.bucket,
        Key: `segments/${entryKey.slice(0, 2)}/${entryKey}/video.ts`,
        Body: 'half written',
      }),
    );
    expect(await machine('reader').get({ key: entryKey })).toBeUndefined();
    client.destroy();

    await machine('writer-a').put({ key: entryKey, files: await writeEntry('a') });
    const uploadsOf = () => s3.created.filter((created) => created.includes(entryKey)).length;
    await expect.poll(uploadsOf).toBe(4);
    const second = await machine('writer-b').put({ key: entryKey, files: await writeEntry('a') });
    expect(Object.keys(second).sort()).toEqual(['audio.aac', 'video.ts']);
    await new Promise((resolve) => setTimeout(resolve, 300));
    expect(uploadsOf()).toBe(4);
  });

  it('a wrong bucket fails with an error naming the bucket and the fix', async () => {
    const cache = makeS3SegmentCache({
      ...settings(),
      bucket: 'no-such-bucket-here',
      localDir: path.join(temp.dir, 'lost'),
    });
    const error = await cache.get({ key: key() }).catch((caught: unknown) => caught);
    expect(error).toBeInstanceOf(KindlyError);
    expect((error as KindlyError).message).toMatch(/bucket/i);
    expect((error as KindlyError).value).toContain('no-such-bucket-here');
  });

  it('the configuration refuses the CDN bucket as the segment bucket, and reads a private one', () => {
    const env = { KINDLY_S3_BUCKET: 'cdn-bucket', KINDLY_SEGMENT_BUCKET: 'cdn-bucket' };
    expect(() => loadConfig(env)).toThrow(/personal video segments would be published/);
    const config = loadConfig({
      KINDLY_SEGMENT_BUCKET: 'farm-segments',
      KINDLY_S3_ENDPOINT: 'http://127.0.0.1:9000',
      KINDLY_SEGMENT_PREFIX: '/chunks/',
    });
    expect(config.s3).toBeUndefined();
    expect(config.segmentStore).toMatchObject({
      bucket: 'farm-segments',
      prefix: 'chunks',
      endpoint: 'http://127.0.0.1:9000',
      forcePathStyle: true,
    });
  });
});
