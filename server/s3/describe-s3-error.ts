import { KindlyError } from '../errors.ts';

type SdkError = { name?: string; message?: string; $metadata?: { httpStatusCode?: number } };

/**
 * An S3 failure as a KindlyError: what went wrong with which bucket or key, and how to fix it.
 * `retryable` is true only for faults that pass (network, throttling, 5xx), never for a wrong
 * bucket or credentials, which no retry can fix.
 */
export function describeS3Error(options: { error: unknown; bucket: string; key: string }): KindlyError {
  const { error, bucket, key } = options;
  if (error instanceof KindlyError) return error;
  const sdk = (typeof error === 'object' && error !== null ? error : {}) as SdkError;
  const status = sdk.$metadata?.httpStatusCode;
  const message = sdk.message ?? String(error);
  const common = { statusCode: 502, cause: error };
  if (status === undefined) {
    return new KindlyError({
      ...common,
      problem: `The S3 endpoint could not be reached: ${message}`,
      value: key,
      fix: 'Check KINDLY_S3_ENDPOINT and the network; the publish is retried',
      retryable: true,
    });
  }
  if (sdk.name === 'NoSuchBucket') {
    return new KindlyError({
      ...common,
      problem: 'The S3 bucket does not exist',
      value: bucket,
      fix: 'Create the bucket, or fix KINDLY_S3_BUCKET (and KINDLY_S3_ENDPOINT, KINDLY_S3_REGION)',
    });
  }
  if (status === 401 || status === 403) {
    return new KindlyError({
      ...common,
      problem: `The S3 bucket refused the credentials (${sdk.name ?? status})`,
      value: bucket,
      fix: 'Check AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, and that the key may list, put and delete objects in the bucket',
    });
  }
  if (status === 429 || status >= 500) {
    return new KindlyError({
      ...common,
      problem: `The S3 service is busy or failing (${sdk.name ?? status})`,
      value: key,
      fix: 'Nothing to change; the publish is retried',
      retryable: true,
    });
  }
  return new KindlyError({
    ...common,
    problem: `The S3 bucket refused the request (${sdk.name ?? status}): ${message}`,
    value: key,
    fix: 'Check the S3 settings (KINDLY_S3_*) against what the service expects',
  });
}
