import { ListObjectsV2Command, S3Client } from '@aws-sdk/client-s3';
import type { S3Server } from '../../scripts/lib/s3-server.ts';

/** How many segments a private segment bucket holds: one `manifest.json` per segment stored. */
export async function countSegmentManifests(options: { segments: S3Server }): Promise<number> {
  const { segments } = options;
  const client = new S3Client({
    endpoint: segments.endpoint,
    region: segments.region,
    forcePathStyle: true,
    credentials: { accessKeyId: segments.accessKeyId, secretAccessKey: segments.secretAccessKey },
  });
  try {
    let count = 0;
    let token: string | undefined;
    do {
      const page = await client.send(new ListObjectsV2Command({ Bucket: segments.bucket, ContinuationToken: token }));
      count += (page.Contents ?? []).filter((object) => object.Key?.endsWith('/manifest.json')).length;
      token = page.NextContinuationToken;
    } while (token);
    return count;
  } finally {
    client.destroy();
  }
}
