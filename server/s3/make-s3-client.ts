import { S3Client } from '@aws-sdk/client-s3';

/** How to reach an S3-compatible service (AWS S3, Cloudflare R2, MinIO). */
export type S3Connection = {
  region: string;
  /** Unset for AWS S3 itself. */
  endpoint?: string;
  forcePathStyle?: boolean;
  /** Without them, the AWS SDK's own credential chain applies (instance or task role). */
  accessKeyId?: string;
  secretAccessKey?: string;
};

export function makeS3Client(options: S3Connection): S3Client {
  return new S3Client({
    region: options.region,
    endpoint: options.endpoint,
    forcePathStyle: options.forcePathStyle ?? false,
    credentials:
      options.accessKeyId && options.secretAccessKey
        ? { accessKeyId: options.accessKeyId, secretAccessKey: options.secretAccessKey }
        : undefined,
    // The SDK's default streams files with trailing checksums (aws-chunked), which several
    // S3-compatible services store verbatim or refuse; checksums are sent where S3 requires them.
    requestChecksumCalculation: 'WHEN_REQUIRED',
    responseChecksumValidation: 'WHEN_REQUIRED',
  });
}

/** Whether an SDK error is S3's "no such key" (404 on HEAD or GET), not a missing bucket. */
export function isMissingObject(error: unknown): boolean {
  const sdk = error as { name?: string; $metadata?: { httpStatusCode?: number } };
  return sdk.$metadata?.httpStatusCode === 404 && sdk.name !== 'NoSuchBucket';
}
