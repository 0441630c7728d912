import type { Chunk } from './plan-chunks.ts';

/**
 * For each frame of a chunk, the frame whose picture it shows: itself, or, once its scene is
 * still (`Scene.stillFrom`), the scene's first still frame. A chunk draws each distinct entry
 * once and holds it; without still scenes every frame maps to itself.
 */
export function mapHeldFrames(chunk: Chunk): number[] {
  const frames: number[] = [];
  for (let frame = chunk.from; frame < chunk.to; frame += 1) {
    const scene = chunk.scenes.find(
      (candidate) => candidate.from <= frame && frame < candidate.from + candidate.durationInFrames,
    );
    const still = scene?.stillFrom === undefined ? undefined : scene.from + scene.stillFrom;
    frames.push(still !== undefined && frame > still ? still : frame);
  }
  return frames;
}
