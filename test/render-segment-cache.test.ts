import fs from 'node:fs/promises';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { makeFolderSegmentCache } from '../server/render/make-folder-segment-cache.ts';
import { makeLimiter } from '../server/render/make-limiter.ts';
import { makeSegmentKey } from '../server/render/make-segment-key.ts';
import { makeSegmentSource } from '../server/render/make-segment-source.ts';
import { planChunks } from '../server/render/plan-chunks.ts';
import { makeRenderSettings } from '../server/render/render-settings.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const plan = planChunks({ template, chunkCostInFrames: 0 });
const base = {
  template,
  bundleHash: 'b'.repeat(64),
  browserVersion: 'Chromium 1',
  settings: makeRenderSettings({ width: 1280, height: 720, fps: 30 }),
  framesPerChunk: plan.framesPerChunk,
  kind: 'chunk' as const,
};
const record = (changes: Record<string, string>) =>
  gentleReminder.schema.parse({ ...gentleReminder.examples[0], ...changes });
const keysOf = (changes: Record<string, string>) =>
  plan.chunks.map((chunk) => makeSegmentKey({ ...base, chunk, record: record(changes) }));

describe('makeSegmentKey', () => {
  it('depends only on the fields the chunk shows, and always on the locale', () => {
    const maria = keysOf({});
    const sameValues = keysOf({ id: 'OTHER', email: 'other@example.com', phone: '+39 333 111 2222' });
    const otherName = keysOf({ name: 'Giulia Romano' });
    const english = keysOf({ locale: 'en-GB' });
    expect(sameValues).toEqual(maria);
    const showsPersonal = plan.chunks.map((chunk) => chunk.scenes.some((scene) => scene.id === 'personal'));
    expect(otherName.map((key, index) => key !== maria[index])).toEqual(showsPersonal);
    expect(english.every((key, index) => key !== maria[index])).toBe(true);
    expect(new Set(maria).size).toBe(plan.chunks.length);
  });

  it('changes with the bundle, the browser and the encoding', () => {
    const chunk = plan.chunks[0]!;
    const key = makeSegmentKey({ ...base, chunk, record: record({}) });
    expect(makeSegmentKey({ ...base, bundleHash: 'c'.repeat(64), chunk, record: record({}) })).not.toBe(key);
    expect(makeSegmentKey({ ...base, browserVersion: 'Chromium 2', chunk, record: record({}) })).not.toBe(key);
    expect(makeSegmentKey({ ...base, settings: { ...base.settings, crf: 20 }, chunk, record: record({}) })).not.toBe(
      key,
    );
    expect(key).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe('the folder segment cache', () => {
  let temp: Awaited<ReturnType<typeof makeTempDir>>;
  beforeEach(async () => {
    temp = await makeTempDir('segment-cache');
  });
  afterEach(async () => {
    await temp.remove();
  });

  const writeFile = async (dir: string, text: string) => {
    const file = path.join(dir, `${text}.ts`);
    await fs.writeFile(file, text);
    return file;
  };

  const writeFiles = async (name: string, text: string) => {
    const dir = path.join(temp.dir, name);
    await fs.mkdir(dir, { recursive: true });
    await fs.writeFile(path.join(dir, 'video.ts'), text);
    await fs.writeFile(path.join(dir, 'audio.aac'), text);
    return { 'video.ts': path.join(dir, 'video.ts'), 'audio.aac': path.join(dir, 'audio.aac') };
  };

  it('stores an entry whole, keeps the first of two writers, and leaves no temporary files', async () => {
    const cache = makeFolderSegmentCache({ dir: path.join(temp.dir, 'cache') });
    const key = 'a'.repeat(64);
    expect(await cache.get({ key })).toBeUndefined();
    const [first, second] = await Promise.all([
      cache.put({ key, files: await writeFiles('one', 'first') }),
      cache.put({ key, files: await writeFiles('two', 'second') }),
    ]);
    expect(first).toEqual(second);
    expect(Object.keys(first).sort()).toEqual(['audio.aac', 'video.ts']);
    const text = await fs.readFile(first['video.ts']!, 'utf8');
    expect(await fs.readFile(first['audio.aac']!, 'utf8')).toBe(text);
    expect(await cache.get({ key })).toEqual(first);
    expect(await fs.readdir(path.join(temp.dir, 'cache', '.incoming'))).toEqual([]);
  });

  it('renders a key once for recipients asking at the same time, and takes it from the cache after', async () => {
    const cache = makeFolderSegmentCache({ dir: path.join(temp.dir, 'cache') });
    const source = makeSegmentSource({ cache, limit: makeLimiter({ slots: 1 }) });
    let renders = 0;
    const make = async ({ dir }: { dir: string }) => {
      renders += 1;
      await fs.writeFile(path.join(dir, 'video.ts'), 'frames');
      return { 'video.ts': path.join(dir, 'video.ts') };
    };
    const key = 'b'.repeat(64);
    const [a, b] = await Promise.all([source.fetch({ key, make }), source.fetch({ key, make })]);
    expect(renders).toBe(1);
    expect([a.rendered, b.rendered]).toEqual([true, false]);
    expect((await source.fetch({ key, make })).rendered).toBe(false);
    expect(renders).toBe(1);
  });

  it('makes the keys asked for together in one call, without those cached or already rendering', async () => {
    const cache = makeFolderSegmentCache({ dir: path.join(temp.dir, 'cache') });
    const source = makeSegmentSource({ cache, limit: makeLimiter({ slots: 2 }) });
    const calls: string[][] = [];
    // Both renders stay under way until the second has started, so the second recipient's ask meets the first's render.
    let release = () => undefined as void;
    const bothStarted = new Promise<void>((resolve) => (release = resolve));
    const make = async ({ keys, dir }: { keys: readonly string[]; dir: string }) => {
      calls.push([...keys]);
      if (calls.length === 2) release();
      await bothStarted;
      const files = await Promise.all(keys.map(async (key) => [key, await writeFile(dir, key)] as const));
      return Object.fromEntries(files.map(([key, file]) => [key, { 'video.ts': file }]));
    };
    const [intro, personal, outro, other] = ['1', '2', '3', '4'].map((digit) => digit.repeat(64)) as [
      string,
      string,
      string,
      string,
    ];
    await cache.put({ key: outro, files: { 'video.ts': await writeFile(temp.dir, 'outro-made-before') } });
    // A second recipient of the same locale asks for the shared intro while the first one's group renders.
    const firstAsk = source.fetchMany({ keys: [intro, personal, outro], make });
    while (calls.length === 0) await new Promise((resolve) => setTimeout(resolve, 1));
    const [first, second] = await Promise.all([firstAsk, source.fetchMany({ keys: [intro, other], make })]);
    expect(calls).toEqual([[intro, personal], [other]]);
    expect(first.map((segment) => segment.rendered)).toEqual([true, true, false]);
    expect(second.map((segment) => segment.rendered)).toEqual([false, true]);
    expect(await fs.readFile(second[0]!.files['video.ts']!, 'utf8')).toBe(intro);
    expect(await fs.readFile(first[2]!.files['video.ts']!, 'utf8')).toBe('outro-made-before');
    const again = await source.fetchMany({ keys: [outro, intro, other], make });
    expect(again.map((segment) => segment.rendered)).toEqual([false, false, false]);
    expect(calls).toHaveLength(2);
  });

  it('does not hold a cached key back behind a render that is under way', async () => {
    const cache = makeFolderSegmentCache({ dir: path.join(temp.dir, 'cache') });
    const source = makeSegmentSource({ cache, limit: makeLimiter({ slots: 1 }) });
    const [shared, slow] = ['5'.repeat(64), '6'.repeat(64)];
    await cache.put({ key: shared, files: { 'video.ts': await writeFile(temp.dir, 'shared') } });
    let finish: (() => void) | undefined;
    const slowRender = source.fetchMany({
      keys: [shared, slow],
      make: async ({ dir }) => {
        await new Promise<void>((resolve) => (finish = resolve));
        return { [slow]: { 'video.ts': await writeFile(dir, 'slow') } };
      },
    });
    const [alone] = await source.fetchMany({ keys: [shared], make: async () => ({}) });
    expect(alone?.rendered).toBe(false);
    expect(await fs.readFile(alone!.files['video.ts']!, 'utf8')).toBe('shared');
    while (!finish) await new Promise((resolve) => setTimeout(resolve, 1));
    finish();
    expect((await slowRender).map((segment) => segment.rendered)).toEqual([false, true]);
  });

  it('gives up a render when every recipient waiting for it has aborted', async () => {
    const cache = makeFolderSegmentCache({ dir: path.join(temp.dir, 'cache') });
    const source = makeSegmentSource({ cache, limit: makeLimiter({ slots: 1 }) });
    const controller = new AbortController();
    let cancelled = false;
    const fetching = source.fetch({
      key: 'c'.repeat(64),
      signal: controller.signal,
      make: ({ cancelSignal }) =>
        new Promise((_, reject) => {
          cancelSignal(() => {
            cancelled = true;
            reject(new Error('cancelled'));
          });
        }),
    });
    await new Promise((resolve) => setTimeout(resolve, 50));
    controller.abort(new Error('recipient aborted'));
    await expect(fetching).rejects.toThrow('recipient aborted');
    expect(cancelled).toBe(true);
    expect(await cache.get({ key: 'c'.repeat(64) })).toBeUndefined();
  });
});
