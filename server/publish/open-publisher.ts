import type { Config } from '../config.ts';
import { openLocalPublisher } from './open-local-publisher.ts';
import { openS3Publisher } from './open-s3-publisher.ts';
import type { Publisher } from './publisher.ts';

/**
 * Opens the CDN origin the configuration names: the S3-compatible bucket when KINDLY_S3_BUCKET
 * is set, else the local site folder that `kindly serve` serves.
 */
export function openPublisher(options: { config: Pick<Config, 's3'>; localRoot: string }): Publisher {
  const { s3 } = options.config;
  return s3 ? openS3Publisher(s3) : openLocalPublisher({ root: options.localRoot });
}
