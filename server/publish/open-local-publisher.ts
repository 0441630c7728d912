import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { KindlyError } from '../errors.ts';
import type { Publisher } from './publisher.ts';

/** A local folder as the CDN origin (served by `kindly serve`). Writes go to a temp file and are renamed into place. */
export function openLocalPublisher(options: { root: string }): Publisher {
  const root = path.resolve(options.root);
  const resolve = (key: string) => {
    const target = path.resolve(root, key);
    if (!target.startsWith(root + path.sep)) {
      throw new KindlyError({
        problem: 'A publish key points outside the site folder',
        value: key,
        fix: 'Use a relative key without ".."',
      });
    }
    return target;
  };
  const writeAtomically = async (key: string, write: (temp: string) => Promise<void>) => {
    const target = resolve(key);
    await fs.mkdir(path.dirname(target), { recursive: true });
    const temp = `${target}.${crypto.randomBytes(6).toString('hex')}.tmp`;
    await write(temp);
    await fs.rename(temp, target);
  };
  return {
    put: ({ key, body }) => writeAtomically(key, (temp) => fs.writeFile(temp, body)),
    putFile: ({ key, file }) => writeAtomically(key, (temp) => fs.copyFile(file, temp)),
    has: async ({ key }) =>
      fs.access(resolve(key)).then(
        () => true,
        () => false,
      ),
    removePrefix: ({ prefix }) => fs.rm(resolve(prefix), { recursive: true, force: true }),
  };
}
