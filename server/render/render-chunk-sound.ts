import path from 'node:path';
import { renderMedia } from '@remotion/renderer';
import { describeTabRender, type ChunkJob } from './render-chunk.ts';
import { timeStage } from './time-stage.ts';

/**
 * The sound of a chunk alone, as AAC padded for seamless concatenation and timed from the start
 * of the composition, exactly as a chunk rendered with its picture has it. Remotion's audio-only
 * path steps through the frames without drawing them.
 */
export async function renderChunkSound(options: ChunkJob): Promise<{ 'audio.aac': string }> {
  const { chunk, settings } = options;
  const output = path.join(options.dir, 'audio.aac');
  const render = () =>
    renderMedia({
      ...describeTabRender(options),
      codec: 'aac',
      audioCodec: settings.audioCodec,
      sampleRate: settings.sampleRate,
      forSeamlessAacConcatenation: true,
      enforceAudioTrack: true,
      compositionStart: 0,
      frameRange: [chunk.from, chunk.to - 1],
      outputLocation: output,
      overwrite: true,
      onProgress: ({ renderedFrames }) => options.onFrames?.(renderedFrames),
    });
  await timeStage({ stage: 'sound', onStage: options.onStage, run: render });
  return { 'audio.aac': output };
}
