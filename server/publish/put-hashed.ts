import crypto from 'node:crypto';
import path from 'node:path';
import { cacheControl, type Publisher } from './publisher.ts';

/** A short content hash: a changed file gets a new name. */
export const hashContent = (body: Buffer | string) =>
  crypto.createHash('sha256').update(body).digest('hex').slice(0, 12);

/**
 * Publishes a shared file as `<folder>/<name>.<hash><ext>` (once: an existing key is kept), cached
 * forever. Returns the key.
 */
export async function putHashed(options: {
  publisher: Publisher;
  name: string;
  body: Buffer | string;
  contentType: string;
  folder?: string;
}): Promise<string> {
  const extension = path.extname(options.name);
  const key = `${options.folder ?? 'assets'}/${path.basename(options.name, extension)}.${hashContent(options.body)}${extension}`;
  if (!(await options.publisher.has({ key }))) {
    await options.publisher.put({
      key,
      body: options.body,
      contentType: options.contentType,
      cacheControl: cacheControl.immutable,
    });
  }
  return key;
}
