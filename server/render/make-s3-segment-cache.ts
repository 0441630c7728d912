import fs from 'node:fs';
import { randomUUID } from 'node:crypto';
import path from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { Readable } from 'node:stream';
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { removeS3Prefix } from '../publish/remove-s3-prefix.ts';
import { describeS3Error } from '../s3/describe-s3-error.ts';
import { isMissingObject, makeS3Client, type S3Connection } from '../s3/make-s3-client.ts';
import { makeFolderSegmentCache } from './make-folder-segment-cache.ts';
import type { SegmentCache } from './segment-cache.ts';

/** Written after an entry's files: an entry without it is still being written, so it is absent. */
const manifestName = 'manifest.json';

/**
 * A segment cache shared by every machine of a farm through an S3-compatible bucket, with a
 * local folder in front (renders read local files, and a segment is downloaded once per machine).
 * The bucket must be private: it holds personal chunks. An entry is its files under
 * `<prefix>/<key>/` and then its manifest; readers trust only entries with a manifest, so they
 * see a whole entry or none. Equal keys mean equal content, so racing writers are harmless.
 */
export function makeS3SegmentCache(
  options: S3Connection & { bucket: string; prefix?: string; localDir: string },
): SegmentCache {
  const { bucket } = options;
  const client = makeS3Client(options);
  const local = makeFolderSegmentCache({ dir: options.localDir });
  const root = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const objectKey = (key: string, name: string) => [root, key.slice(0, 2), key, name].filter(Boolean).join('/');
  const incoming = path.join(path.resolve(options.localDir), '.incoming');

  const readManifest = async (key: string): Promise<string[] | undefined> => {
    const Key = objectKey(key, manifestName);
    try {
      const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key }));
      const manifest = JSON.parse(await object.Body!.transformToString()) as { files?: unknown };
      if (
        !Array.isArray(manifest.files) ||
        !manifest.files.every(
          (name) => typeof name === 'string' && name === path.basename(name) && !name.startsWith('.'),
        )
      ) {
        throw new Error(
          `The segment manifest ${Key} in bucket ${bucket} is not valid; delete it and the segment is rendered again`,
        );
      }
      return manifest.files as string[];
    } catch (error) {
      if (isMissingObject(error)) return undefined;
      throw describeS3Error({ error, bucket, key: Key });
    }
  };

  const download = async (key: string, names: string[]): Promise<Record<string, string>> => {
    const dir = path.join(incoming, `${key}-${randomUUID()}`);
    await fs.promises.mkdir(dir, { recursive: true });
    try {
      const files: Record<string, string> = {};
      for (const name of names) {
        const Key = objectKey(key, name);
        const object = await client.send(new GetObjectCommand({ Bucket: bucket, Key })).catch((error: unknown) => {
          throw describeS3Error({ error, bucket, key: Key });
        });
        files[name] = path.join(dir, name);
        await pipeline(object.Body as Readable, fs.createWriteStream(files[name]));
      }
      return await local.put({ key, files });
    } finally {
      await fs.promises.rm(dir, { recursive: true, force: true });
    }
  };

  const upload = async (key: string, files: Record<string, string>) => {
    for (const [name, file] of Object.entries(files)) {
      const Key = objectKey(key, name);
      const { size } = await fs.promises.stat(file);
      await client
        .send(new PutObjectCommand({ Bucket: bucket, Key, Body: fs.createReadStream(file), ContentLength: size }))
        .catch((error: unknown) => {
          throw describeS3Error({ error, bucket, key: Key });
        });
    }
    const Key = objectKey(key, manifestName);
    const body = JSON.stringify({ files: Object.keys(files).sort() });
    await client
      .send(new PutObjectCommand({ Bucket: bucket, Key, Body: body, ContentType: 'application/json' }))
      .catch((error: unknown) => {
        throw describeS3Error({ error, bucket, key: Key });
      });
  };

  return {
    async get({ key }) {
      const here = await local.get({ key });
      if (here) return here;
      const names = await readManifest(key);
      return names ? download(key, names) : undefined;
    },
    async put({ key, files }) {
      const stored = await local.put({ key, files });
      // Another machine may have shared it meanwhile; then there is nothing to upload.
      if (!(await readManifest(key))) await upload(key, stored);
      return stored;
    },
    async remove({ key }) {
      // The manifest first: from then on readers see the entry as absent, whatever is left of it.
      const Key = objectKey(key, manifestName);
      await client.send(new DeleteObjectCommand({ Bucket: bucket, Key })).catch((error: unknown) => {
        throw describeS3Error({ error, bucket, key: Key });
      });
      await removeS3Prefix({ client, bucket, prefix: [root, key.slice(0, 2), key].filter(Boolean).join('/') });
      await local.remove({ key });
    },
  };
}
