import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import { afterAll, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { KindlyError } from '../server/errors.ts';
import { openPublisher } from '../server/publish/open-publisher.ts';
import { openS3Publisher } from '../server/publish/open-s3-publisher.ts';
import { publishRecipient } from '../server/publish/publish-recipient.ts';
import { cacheControl, type Publisher } from '../server/publish/publisher.ts';
import { removeS3Prefix } from '../server/publish/remove-s3-prefix.ts';
import { startS3Server, type S3Server } from '../scripts/lib/s3-server.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

let s3: S3Server;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let publisher: Publisher;
let client: S3Client;
const prefix = 'cdn';

const settings = () => ({
  endpoint: s3.endpoint,
  bucket: s3.bucket,
  region: s3.region,
  accessKeyId: s3.accessKeyId,
  secretAccessKey: s3.secretAccessKey,
  forcePathStyle: true,
});
const fetchObject = async (key: string) => {
  const response = await fetch(`${s3.endpoint}/${s3.bucket}/${key}`);
  return {
    status: response.status,
    type: response.headers.get('content-type'),
    cache: response.headers.get('cache-control'),
    body: Buffer.from(await response.arrayBuffer()),
  };
};
const listKeys = async (under: string) => {
  const page = await client.send(new ListObjectsV2Command({ Bucket: s3.bucket, Prefix: under }));
  return (page.Contents ?? []).map((object) => object.Key).sort();
};

beforeAll(async () => {
  s3 = await startS3Server({ bucket: `kindly-${crypto.randomBytes(4).toString('hex')}` });
  temp = await makeTempDir('s3-publisher');
  publisher = openS3Publisher({ ...settings(), prefix });
  client = new S3Client({
    ...settings(),
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
});

afterAll(async () => {
  client?.destroy();
  await s3?.stop();
  await temp?.remove();
});

beforeEach(() => {
  s3.created.length = 0;
});

describe('the S3 publisher, against a real S3-protocol server', () => {
  it('put: text and bytes come back byte for byte, with the Content-Type and Cache-Control given', async () => {
    const text = 'Gentile Zoë, 陈小明: <b>grazie</b>\n';
    const bytes = crypto.randomBytes(70_000);
    await publisher.put({
      key: 'assets/site.0123abcd.css',
      body: text,
      contentType: 'text/css; charset=utf-8',
      cacheControl: cacheControl.immutable,
    });
    await publisher.put({
      key: 'assets/logo.0123abcd.bin',
      body: bytes,
      contentType: 'application/octet-stream',
      cacheControl: cacheControl.immutable,
    });
    expect(await fetchObject(`${prefix}/assets/site.0123abcd.css`)).toEqual({
      status: 200,
      type: 'text/css; charset=utf-8',
      cache: cacheControl.immutable,
      body: Buffer.from(text),
    });
    const fetched = await fetchObject(`${prefix}/assets/logo.0123abcd.bin`);
    expect(fetched.body.equals(bytes)).toBe(true);
    expect(fetched.cache).toBe('public, max-age=31536000, immutable');
  });

  it('putFile streams a file from disk: the stored object is the same bytes', async () => {
    const file = path.join(temp.dir, 'video.mp4');
    const bytes = crypto.randomBytes(6 * 1024 * 1024 + 17);
    await fs.writeFile(file, bytes);
    await publisher.putFile({
      key: 'r/tok/video.mp4',
      file,
      contentType: 'video/mp4',
      cacheControl: cacheControl.media,
    });
    const fetched = await fetchObject(`${prefix}/r/tok/video.mp4`);
    expect({ status: fetched.status, type: fetched.type, cache: fetched.cache, length: fetched.body.length }).toEqual({
      status: 200,
      type: 'video/mp4',
      cache: cacheControl.media,
      length: bytes.length,
    });
    expect(crypto.createHash('sha256').update(fetched.body).digest('hex')).toBe(
      crypto.createHash('sha256').update(bytes).digest('hex'),
    );
    await expect(
      publisher.putFile({
        key: 'r/tok/missing.mp4',
        file: path.join(temp.dir, 'missing.mp4'),
        contentType: 'video/mp4',
        cacheControl: cacheControl.media,
      }),
    ).rejects.toThrow(/ENOENT/);
  });

  it('has: true for a published key, false otherwise, and only within its own prefix', async () => {
    await publisher.put({
      key: 'assets/track.abc.js',
      body: 'x',
      contentType: 'text/javascript',
      cacheControl: cacheControl.immutable,
    });
    expect(await publisher.has({ key: 'assets/track.abc.js' })).toBe(true);
    expect(await publisher.has({ key: 'assets/track.def.js' })).toBe(false);
    expect(await openS3Publisher({ ...settings(), prefix: 'elsewhere' }).has({ key: 'assets/track.abc.js' })).toBe(
      false,
    );
    await expect(publisher.has({ key: '../secrets' })).rejects.toBeInstanceOf(KindlyError);
  });

  it('removePrefix removes exactly the folder: not its siblings, not keys that merely start alike', async () => {
    const keys = [
      'r/aaa/index.html',
      'r/aaa/video.mp4',
      'r/aaa/deep/captions.vtt',
      'r/aaab/index.html',
      'r/bbb/index.html',
      'assets/site.css',
    ];
    for (const key of keys)
      await publisher.put({ key, body: key, contentType: 'text/plain', cacheControl: cacheControl.page });
    await openS3Publisher({ ...settings(), prefix: 'keep' }).put({
      key: 'r/aaa/x',
      body: 'another prefix',
      contentType: 'text/plain',
      cacheControl: cacheControl.page,
    });
    await publisher.removePrefix({ prefix: 'r/aaa' });
    expect(await listKeys(`${prefix}/r/aa`)).toEqual([`${prefix}/r/aaab/index.html`]);
    expect(await listKeys(`${prefix}/r/bbb/`)).toEqual([`${prefix}/r/bbb/index.html`]);
    expect(await listKeys(`${prefix}/assets/site.css`)).toEqual([`${prefix}/assets/site.css`]);
    expect(await listKeys('keep/')).toEqual(['keep/r/aaa/x']);
    await publisher.removePrefix({ prefix: 'r/nothing-here' });
  });

  it('removeS3Prefix lists and deletes page by page', async () => {
    for (let index = 0; index < 7; index += 1)
      await publisher.put({
        key: `r/many/${index}.txt`,
        body: String(index),
        contentType: 'text/plain',
        cacheControl: cacheControl.page,
      });
    const send = vi.spyOn(client, 'send');
    expect(await removeS3Prefix({ client, bucket: s3.bucket, prefix: `${prefix}/r/many`, batchSize: 3 })).toBe(7);
    const requests = send.mock.calls.map(([command]) => command.constructor.name);
    send.mockRestore();
    expect(requests.filter((name) => name === 'DeleteObjectsCommand')).toHaveLength(3);
    expect(await listKeys(`${prefix}/r/many/`)).toEqual([]);
  });

  it('publishRecipient writes the media first and index.html last', async () => {
    const media = { video: 'video.mp4', poster: 'poster.jpg', thumbnail: 'thumb.webp', captions: 'captions.vtt' };
    for (const name of Object.values(media))
      await fs.writeFile(path.join(temp.dir, name), `${name} ${crypto.randomBytes(8).toString('hex')}`);
    const files = Object.fromEntries(
      Object.entries(media).map(([kind, name]) => [kind, path.join(temp.dir, name)]),
    ) as typeof media;
    await publishRecipient({ publisher, token: 'tokABC', media: files, html: '<!doctype html><title>Kindly</title>' });
    const folder = `${prefix}/r/tokABC`;
    await vi.waitFor(() => expect(s3.created).toHaveLength(5));
    expect(s3.created.at(-1)).toBe(`${folder}/index.html`);
    expect(s3.created.slice(0, 4).sort()).toEqual(
      ['captions.vtt', 'poster.jpg', 'thumb.webp', 'video.mp4'].map((name) => `${folder}/${name}`),
    );
    expect(await fetchObject(`${folder}/index.html`)).toMatchObject({
      type: 'text/html; charset=utf-8',
      cache: cacheControl.page,
    });
    expect(await fetchObject(`${folder}/captions.vtt`)).toMatchObject({
      type: 'text/vtt; charset=utf-8',
      cache: cacheControl.media,
    });
  });

  it('explains a missing bucket and refused credentials, neither retryable', async () => {
    const missing = await openS3Publisher({ ...settings(), bucket: 'no-such-bucket' })
      .put({ key: 'a.txt', body: 'x', contentType: 'text/plain', cacheControl: cacheControl.page })
      .catch((error: unknown) => error);
    expect(missing).toMatchObject({
      problem: 'The S3 bucket does not exist',
      value: '"no-such-bucket"',
      retryable: false,
    });
    const refused = await openS3Publisher({ ...settings(), accessKeyId: 'NOT-A-KEY' })
      .put({ key: 'a.txt', body: 'x', contentType: 'text/plain', cacheControl: cacheControl.page })
      .catch((error: unknown) => error);
    expect(refused).toMatchObject({ problem: expect.stringContaining('refused the credentials'), retryable: false });
  });
});

describe('openPublisher', () => {
  it('publishes to the bucket when KINDLY_S3_BUCKET is set, else to the local folder', async () => {
    const config = loadConfig({
      KINDLY_S3_BUCKET: s3.bucket,
      KINDLY_S3_ENDPOINT: s3.endpoint,
      KINDLY_S3_PREFIX: '/site/',
      AWS_ACCESS_KEY_ID: s3.accessKeyId,
      AWS_SECRET_ACCESS_KEY: s3.secretAccessKey,
    });
    expect(config.s3).toMatchObject({ prefix: 'site', region: 'us-east-1', forcePathStyle: true });
    const localRoot = path.join(temp.dir, 'local-site');
    await openPublisher({ config, localRoot }).put({
      key: 'hello.txt',
      body: 'from config',
      contentType: 'text/plain',
      cacheControl: cacheControl.page,
    });
    expect((await fetchObject('site/hello.txt')).body.toString()).toBe('from config');
    await openPublisher({ config: loadConfig({}), localRoot }).put({
      key: 'hello.txt',
      body: 'local',
      contentType: 'text/plain',
      cacheControl: cacheControl.page,
    });
    expect(await fs.readFile(path.join(localRoot, 'hello.txt'), 'utf8')).toBe('local');
    expect(() => loadConfig({ KINDLY_S3_ENDPOINT: s3.endpoint })).toThrow(/KINDLY_S3_BUCKET/);
    expect(() => loadConfig({ KINDLY_S3_BUCKET: s3.bucket, AWS_ACCESS_KEY_ID: 'only-one' })).toThrow(
      /AWS_SECRET_ACCESS_KEY/,
    );
  });
});
