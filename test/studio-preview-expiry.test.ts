import path from 'node:path';
import { afterAll, afterEach, beforeAll, expect, it, vi } from 'vitest';
import { openStudio, personalPreviewMinutes, type Studio } from '../server/studio/open-studio.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';
import { exists } from './helpers/file-checks.ts';

// A preview of a real recipient's page holds their personal data: it is kept for a while, not for good.
const template = gentleReminder as unknown as TemplateDefinition;
let temp: Awaited<ReturnType<typeof makeTempDir>>;
let studio: Studio;

beforeAll(async () => {
  temp = await makeTempDir('studio-preview-expiry');
  studio = openStudio({ dataDir: temp.dir });
});
afterEach(() => vi.useRealTimers());
afterAll(async () => {
  await studio?.close();
  await temp?.remove();
});

async function writePreview(personal: boolean) {
  const props = template.schema.parse({ ...template.examples[0], locale: 'en-GB' });
  const poster = await studio.stills.planPoster({ template, record: props });
  const page = await studio.writePreviewPage({
    template,
    props,
    trackBase: 'http://127.0.0.1/studio/preview',
    poster,
    personal,
  });
  return path.join(studio.siteDir, page, 'index.html');
}
it(`removes a real recipient's preview after ${personalPreviewMinutes} minutes, keeps an example's, and removes the rest on close`, async () => {
  vi.useFakeTimers({ toFake: ['Date'] });
  const personal = await writePreview(true);
  const example = await writePreview(false);
  expect(await exists(personal)).toBe(true);
  vi.setSystemTime(Date.now() + (personalPreviewMinutes - 1) * 60_000);
  const later = await writePreview(true);
  expect(await exists(personal)).toBe(true);
  vi.setSystemTime(Date.now() + 2 * 60_000);
  await writePreview(false);
  expect(await exists(personal)).toBe(false);
  expect(await exists(later)).toBe(true);
  expect(await exists(example)).toBe(true);
  await studio.close();
  expect(await exists(later)).toBe(false);
  expect(await exists(example)).toBe(true);
});
