import path from 'node:path';
import { renderMedia, type CancelSignal, type HeadlessBrowser } from '@remotion/renderer';
import type { VideoConfig } from 'remotion';
import type { Chunk } from './plan-chunks.ts';
import type { RenderStage } from './render-context.ts';
import type { RenderSettings } from './render-settings.ts';
import { timeStage } from './time-stage.ts';

/** The files of one rendered chunk, by the names the segment cache stores them under. */
export type ChunkFiles = { 'video.ts': string; 'audio.aac': string };

/** What any render call in a browser tab needs: the composition, props, bundle, browser, settings and cancelling. */
export type TabJob = {
  composition: VideoConfig;
  inputProps: Record<string, unknown>;
  serveUrl: string;
  browser: HeadlessBrowser;
  browserExecutable: string | null;
  concurrency: number;
  settings: RenderSettings;
  cancelSignal?: CancelSignal;
  onStage?: (stage: RenderStage) => void;
};

/** What rendering one chunk needs: a tab's inputs, its frames, and where to put them. */
export type ChunkJob = TabJob & { chunk: Chunk; dir: string; onFrames?: (frames: number) => void };

/** The options every Remotion call in a tab passes alike: composition with the record, bundle, browser, cancelling, frames at once, scale. */
export function describeTabRender(options: TabJob) {
  return {
    composition: { ...options.composition, props: options.inputProps },
    serveUrl: options.serveUrl,
    inputProps: options.inputProps,
    puppeteerInstance: options.browser,
    browserExecutable: options.browserExecutable,
    cancelSignal: options.cancelSignal,
    logLevel: 'error' as const,
    concurrency: options.concurrency,
    scale: options.settings.scale,
  };
}

/**
 * Renders frames `[chunk.from, chunk.to)` of the composition as one segment in `dir`, the way
 * Remotion joins segments seamlessly: MPEG-TS video, and the audio apart as AAC padded for
 * seamless concatenation, timed from the start of the whole composition.
 */
export async function renderChunk(options: ChunkJob): Promise<ChunkFiles> {
  const { chunk, settings } = options;
  const files: ChunkFiles = {
    'video.ts': path.join(options.dir, 'video.ts'),
    'audio.aac': path.join(options.dir, 'audio.aac'),
  };
  const render = () =>
    renderMedia({
      ...describeTabRender(options),
      codec: settings.codec,
      audioCodec: settings.audioCodec,
      sampleRate: settings.sampleRate,
      imageFormat: settings.imageFormat,
      jpegQuality: settings.jpegQuality,
      crf: settings.crf,
      x264Preset: settings.x264Preset,
      // Remotion has no option for x264's own settings: they go in front of its encoder's output file.
      ffmpegOverride: ({ args }) =>
        args.includes('libx264')
          ? [...args.slice(0, -1), '-x264-params', settings.x264Params, ...args.slice(-1)]
          : args,
      pixelFormat: settings.pixelFormat,
      separateAudioTo: files['audio.aac'],
      forSeamlessAacConcatenation: true,
      enforceAudioTrack: true,
      compositionStart: 0,
      frameRange: [chunk.from, chunk.to - 1],
      outputLocation: files['video.ts'],
      overwrite: true,
      onProgress: ({ renderedFrames }) => options.onFrames?.(renderedFrames),
    });
  await timeStage({ stage: 'chunk', onStage: options.onStage, run: render });
  return files;
}
