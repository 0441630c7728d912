import path from 'node:path';
import type { BaseRecord } from '../../templates/template-definition.ts';
import { cutPoster } from './cut-poster.ts';
import { getThumbnailClip } from './get-thumbnail-clip.ts';
import { makeAnimatedThumbnail } from './make-animated-thumbnail.ts';
import type { RenderContext } from './render-context.ts';
import { renderHlsStream, type HlsStream } from './render-hls-stream.ts';
import { runFfmpeg } from './run-ffmpeg.ts';
import { timeStage } from './time-stage.ts';

/**
 * A recipient's HLS stream with its poster, thumbnail and (unless `animatedThumbnail` is
 * undefined) e-mail GIF. There is no MP4 to cut them from, so they come out of the chunk that
 * shows the poster frame: no frame is drawn twice. The GIF's clip stays within that chunk.
 */
export async function renderHlsMedia(options: {
  context: RenderContext;
  record: BaseRecord;
  workDir: string;
  files: { poster: string; thumbnail: string; animatedThumbnail?: string };
  signal?: AbortSignal;
  onProgress?: (progress: number) => void;
}): Promise<HlsStream> {
  const { context, files, signal } = options;
  const { template, plan } = context;
  const { stream, chunks } = await renderHlsStream({
    ...options,
    onProgress: (progress) => options.onProgress?.(progress * 0.95),
  });
  const index = plan.chunks.findIndex((chunk) => chunk.from <= template.posterFrame && template.posterFrame < chunk.to);
  const chunk = plan.chunks[index];
  const source = chunks[index]?.video;
  if (!chunk || !source) throw new Error(`No chunk of ${template.id} shows its poster frame ${template.posterFrame}`);
  // MPEG-TS has no index for ffmpeg to seek in: the chunk is copied into an MP4 first (no re-encoding).
  const video = path.join(options.workDir, 'poster-chunk.mp4');
  const poster = async () => {
    await runFfmpeg({ args: ['-i', source, '-c', 'copy', '-an', '-f', 'mp4', '-y', video], signal });
    // Times within the chunk's own file, which starts at the chunk's first frame.
    await cutPoster({
      video,
      frame: template.posterFrame - chunk.from,
      fps: template.fps,
      poster: files.poster,
      thumbnail: files.thumbnail,
      signal,
    });
  };
  await timeStage({ stage: 'poster', onStage: context.onStage, run: poster });
  if (files.animatedThumbnail) {
    const clip = getThumbnailClip(template);
    const chunkStart = chunk.from / template.fps;
    const chunkEnd = chunk.to / template.fps;
    let fromSeconds = Math.max(clip.fromSeconds, chunkStart);
    let seconds = Math.min(clip.fromSeconds + clip.seconds, chunkEnd) - fromSeconds;
    // A poster at the chunk's very start leaves nothing before it in the chunk: play what follows.
    if (seconds < 0.5) {
      fromSeconds = template.posterFrame / template.fps;
      seconds = Math.min(2, chunkEnd - fromSeconds);
    }
    const output = files.animatedThumbnail;
    const gif = () =>
      makeAnimatedThumbnail({
        video,
        poster: files.poster,
        output,
        workDir: options.workDir,
        clip: { fromSeconds: fromSeconds - chunkStart, seconds },
        signal,
      });
    await timeStage({ stage: 'gif', onStage: context.onStage, run: gif });
  }
  return stream;
}
