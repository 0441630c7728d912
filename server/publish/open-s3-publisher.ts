import fs from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { HeadObjectCommand, PutObjectCommand } from '@aws-sdk/client-s3';
import { KindlyError } from '../errors.ts';
import { isMissingObject, makeS3Client, type S3Connection } from '../s3/make-s3-client.ts';
import { describeS3Error } from '../s3/describe-s3-error.ts';
import { assetHeaders, type Publisher } from './publisher.ts';
import { removeS3Prefix } from './remove-s3-prefix.ts';

const fileAttempts = 3;

/**
 * An S3-compatible bucket (AWS S3, Cloudflare R2, MinIO) as the CDN origin. Every object gets
 * the Content-Type and Cache-Control its caller names; files are streamed from disk, never read
 * whole. An S3 PUT is atomic, so readers never see half an object. Without `accessKeyId`, the
 * AWS SDK's own credential chain applies (instance or task role). S3 serves no headers of our
 * choosing, so every file that is not a page carries `assetHeaders` as object metadata
 * (`x-amz-meta-content-security-policy`, `x-amz-meta-x-content-type-options`) for the CDN to
 * turn into response headers.
 */
export function openS3Publisher(options: S3Connection & { bucket: string; prefix?: string }): Publisher {
  const { bucket } = options;
  const root = (options.prefix ?? '').replace(/^\/+|\/+$/g, '');
  const client = makeS3Client(options);
  const toKey = (key: string) => {
    if (
      key === '' ||
      key.startsWith('/') ||
      key.split('/').some((part) => part === '..' || part === '.' || part === '')
    ) {
      throw new KindlyError({
        problem: 'A publish key is not a plain relative path',
        value: key,
        fix: 'Use a relative key like r/<token>/index.html, without "..", "." or empty parts',
      });
    }
    return root ? `${root}/${key}` : key;
  };
  const metadataOf = (contentType: string) => (contentType.startsWith('text/html') ? undefined : { ...assetHeaders });
  const attempt = async <T>(key: string, action: () => Promise<T>, attempts = 1): Promise<T> => {
    for (let done = 1; ; done += 1) {
      try {
        return await action();
      } catch (error) {
        const described = describeS3Error({ error, bucket, key });
        if (!described.retryable || done >= attempts) throw described;
        await sleep(250 * 4 ** (done - 1));
      }
    }
  };
  return {
    put: async ({ key, body, contentType, cacheControl }) => {
      const Key = toKey(key);
      await attempt(key, () =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key,
            Body: body,
            ContentType: contentType,
            CacheControl: cacheControl,
            Metadata: metadataOf(contentType),
          }),
        ),
      );
    },
    putFile: async ({ key, file, contentType, cacheControl }) => {
      const Key = toKey(key);
      const { size } = await fs.promises.stat(file);
      // The SDK cannot rewind a stream to retry it, so each attempt opens the file afresh.
      const upload = () =>
        client.send(
          new PutObjectCommand({
            Bucket: bucket,
            Key,
            Body: fs.createReadStream(file),
            ContentLength: size,
            ContentType: contentType,
            CacheControl: cacheControl,
            Metadata: metadataOf(contentType),
          }),
        );
      await attempt(key, upload, fileAttempts);
    },
    has: async ({ key }) => {
      const Key = toKey(key);
      return attempt(key, async () => {
        try {
          await client.send(new HeadObjectCommand({ Bucket: bucket, Key }));
          return true;
        } catch (error) {
          if (isMissingObject(error)) return false;
          throw error;
        }
      });
    },
    removePrefix: async ({ prefix }) => {
      const Key = toKey(prefix.replace(/\/+$/, ''));
      await attempt(prefix, () => removeS3Prefix({ client, bucket, prefix: Key }));
    },
  };
}
