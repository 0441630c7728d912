import fs from 'node:fs/promises';
import path from 'node:path';
import { makePayloadSecret, openPayload, type SealedPayload } from '../../templates/interactive/payload-crypto.ts';
import type { PersonalPayload } from '../../templates/interactive/personal-payload.ts';

/** The personal part of a page published under `siteDir`, opened with its link's token. */
export async function readPagePayload(options: { siteDir: string; token: string }): Promise<PersonalPayload> {
  const html = await fs.readFile(path.join(options.siteDir, 'r', options.token, 'index.html'), 'utf8');
  const block = /<script type="application\/json" id="kindly-page">([^<]*)<\/script>/.exec(html)?.[1] ?? '';
  const data = JSON.parse(block) as { sealed: SealedPayload };
  return (await openPayload({
    sealed: data.sealed,
    secret: makePayloadSecret({ token: options.token }),
  })) as PersonalPayload;
}
