import os from 'node:os';
import path from 'node:path';
import fs from 'node:fs/promises';
import { getCompositions, makeCancelSignal, openBrowser, renderMedia, renderStill, type HeadlessBrowser } from '@remotion/renderer';
import type { VideoConfig } from 'remotion';
import sharp from 'sharp';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { KindlyError } from '../errors.ts';
import { findBrowser } from './find-browser.ts';
import { makeBundle } from './make-bundle.ts';
import { makeCaptions } from './make-captions.ts';

/** The files rendered for one recipient, in their work folder. */
export type RenderedMedia = { video: string; poster: string; thumbnail: string; captions: string };

/** A bundle and a browser kept open across recipients, so each render pays only for its frames. */
export type Renderer = {
  renderRecipient: (options: {
    record: BaseRecord;
    workDir: string;
    signal?: AbortSignal;
    onProgress?: (progress: number) => void;
  }) => Promise<RenderedMedia>;
  close: () => Promise<void>;
};

/**
 * Opens a renderer for one template: bundles once, opens one browser and reuses it.
 * `concurrency` is the number of frames rendered in parallel for one video.
 */
export async function openRenderer(options: {
  template: TemplateDefinition;
  browserExecutable: string | undefined;
  concurrency?: number;
  serveUrl?: string;
  onBundleProgress?: (percent: number) => void;
}): Promise<Renderer> {
  const serveUrl = options.serveUrl ?? (await makeBundle({ onProgress: options.onBundleProgress }));
  const browserExecutable = findBrowser({ configured: options.browserExecutable }) ?? null;
  const browser: HeadlessBrowser = await openBrowser('chrome', {
    browserExecutable,
    chromiumOptions: { headless: true },
    forceDeviceScaleFactor: 1,
    logLevel: 'error',
  });
  const concurrency = options.concurrency ?? Math.max(1, os.availableParallelism());
  const compositions = await getCompositions(serveUrl, { puppeteerInstance: browser, browserExecutable, logLevel: 'error' });
  const composition = compositions.find((candidate) => candidate.id === options.template.id);
  if (!composition) {
    await browser.close({ silent: true });
    throw new KindlyError({
      problem: 'The bundle has no composition for this template',
      value: options.template.id,
      fix: 'Register the template in compositions/components.ts',
    });
  }
  return {
    renderRecipient: (job) => renderOne({ ...job, template: options.template, composition, serveUrl, browser, browserExecutable, concurrency }),
    close: () => browser.close({ silent: true }),
  };
}

async function renderOne(options: {
  record: BaseRecord;
  workDir: string;
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
  template: TemplateDefinition;
  composition: VideoConfig;
  serveUrl: string;
  browser: HeadlessBrowser;
  browserExecutable: string | null;
  concurrency: number;
}): Promise<RenderedMedia> {
  await fs.mkdir(options.workDir, { recursive: true });
  const files: RenderedMedia = {
    video: path.join(options.workDir, 'video.mp4'),
    poster: path.join(options.workDir, 'poster.jpg'),
    thumbnail: path.join(options.workDir, 'thumb.webp'),
    captions: path.join(options.workDir, 'captions.vtt'),
  };
  const { cancelSignal, cancel } = makeCancelSignal();
  options.signal?.addEventListener('abort', () => cancel(), { once: true });
  const inputProps = options.record as Record<string, unknown>;
  const shared = { composition: { ...options.composition, props: inputProps }, serveUrl: options.serveUrl, inputProps, puppeteerInstance: options.browser, browserExecutable: options.browserExecutable, cancelSignal, logLevel: 'error' as const };
  await renderMedia({
    ...shared,
    codec: 'h264',
    audioCodec: 'aac',
    enforceAudioTrack: true,
    outputLocation: files.video,
    overwrite: true,
    concurrency: options.concurrency,
    imageFormat: 'jpeg',
    onProgress: ({ progress }) => options.onProgress?.(progress * 0.95),
  });
  await renderStill({ ...shared, output: files.poster, frame: options.template.posterFrame, imageFormat: 'jpeg', jpegQuality: 85, overwrite: true });
  await sharp(files.poster).resize({ width: 640 }).webp({ quality: 80 }).toFile(files.thumbnail);
  const cues = options.template.getCues(options.record);
  await fs.writeFile(files.captions, makeCaptions({ cues, fps: options.template.fps }));
  options.onProgress?.(1);
  return files;
}
