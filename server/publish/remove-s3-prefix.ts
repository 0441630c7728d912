import { DeleteObjectsCommand, ListObjectsV2Command, type S3Client } from '@aws-sdk/client-s3';
import { KindlyError } from '../errors.ts';

/**
 * Deletes every object under `prefix/` (a folder, never keys that merely start with the same
 * letters), a page of keys at a time: S3 lists and deletes at most 1000 keys per request.
 * Returns how many objects were deleted.
 */
export async function removeS3Prefix(options: {
  client: S3Client;
  bucket: string;
  prefix: string;
  batchSize?: number;
}): Promise<number> {
  const { client, bucket } = options;
  const folder = `${options.prefix.replace(/\/+$/, '')}/`;
  let removed = 0;
  // Paging by the last key seen, not a continuation token, stays right while the listed keys are being deleted.
  let startAfter: string | undefined;
  for (;;) {
    const page = await client.send(
      new ListObjectsV2Command({
        Bucket: bucket,
        Prefix: folder,
        StartAfter: startAfter,
        MaxKeys: options.batchSize ?? 1000,
      }),
    );
    const keys = (page.Contents ?? []).flatMap((object) => (object.Key ? [object.Key] : []));
    if (keys.length === 0) return removed;
    const result = await client.send(
      new DeleteObjectsCommand({ Bucket: bucket, Delete: { Objects: keys.map((Key) => ({ Key })), Quiet: true } }),
    );
    const failed = result.Errors?.[0];
    if (failed) {
      throw new KindlyError({
        problem:
          `The S3 bucket did not delete ${result.Errors?.length} object(s): ${failed.Code ?? 'error'} ${failed.Message ?? ''}`.trim(),
        value: failed.Key,
        fix: 'Check that the credentials may delete objects in the bucket; removing again deletes what is left',
        statusCode: 502,
        retryable: true,
      });
    }
    removed += keys.length;
    startAfter = keys.at(-1);
    if (!page.IsTruncated) return removed;
  }
}
