import fs from 'node:fs/promises';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { BaseRecord, TemplateDefinition } from '../templates/template-definition.ts';
import { openStillRenderer, type StillRenderer } from '../server/studio/open-still-renderer.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const oliver = gentleReminder.examples.find((example) => example.locale === 'en-GB')! as BaseRecord;

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let stills: StillRenderer;

beforeAll(async () => {
  temp = await makeTempDir('still-renderer');
  stills = openStillRenderer({ dir: temp.dir, browserExecutable: process.env.KINDLY_BROWSER });
}, 300_000);

afterAll(async () => {
  await stills?.close();
  await temp?.remove();
});

describe('the studio still renderer', () => {
  it('answers a still that a designer dropped while it was drawn and then asked for again', async () => {
    const poster = (name: string) => stills.planPoster({ template, record: { ...oliver, name } as BaseRecord });
    const [wanted, other] = await Promise.all([poster('Asked Twice'), poster('Asked Between')]);
    // Typed, changed, typed back: the first still is being drawn when it is dropped and asked for again.
    stills.request([wanted]);
    stills.request([other]);
    stills.request([wanted]);
    const file = await stills.get(wanted.key);
    expect(file).toBeDefined();
    const meta = await sharp(await fs.readFile(file!)).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', template.width, template.height]);
    // The one dropped in between says why it has no picture.
    await expect(stills.get(other.key)).rejects.toThrow('A newer preview superseded this still');
  }, 300_000);
});
