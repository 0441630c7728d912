import type { Scene, TemplateDefinition } from '../../templates/template-definition.ts';

/** One stretch of the timeline rendered and cached as a unit: frames `[from, to)` and the scenes it shows. */
export type Chunk = { index: number; from: number; to: number; scenes: readonly Scene[] };

/** Equal-length chunks covering the whole video (Remotion joins AAC seamlessly only for equal chunks). */
export type ChunkPlan = { framesPerChunk: number; chunks: readonly Chunk[] };

/**
 * Inputs every scene reads implicitly, none of them personal: copy is per locale and tone (and
 * the overrides a template version or the studio puts in `copy`), and every scene shows the
 * campaign's brand kit (`brand`, given with the record), so even a "shared" scene differs by them.
 */
export const implicitReads: readonly string[] = ['locale', 'tone', 'brand', 'copy'];

/**
 * Splits a template's timeline into equal chunks, choosing the length that makes a new recipient
 * cheapest: frames of chunks that show a personal scene plus `chunkCostInFrames` for each such
 * chunk (opening tabs and encoding cost that much again per render call). Chunks that show only
 * shared scenes are rendered once per locale, so they count as free. Chunks shorter than 5 frames
 * are never chosen: Remotion cannot join their audio seamlessly.
 */
export function planChunks(options: { template: TemplateDefinition; chunkCostInFrames: number }): ChunkPlan {
  const { template } = options;
  const total = template.durationInFrames;
  let best: { cost: number; plan: ChunkPlan } | undefined;
  for (let length = total; length >= 5; length -= 1) {
    if (total % length !== 0) continue;
    const plan = makePlan({ template, framesPerChunk: length });
    const personal = plan.chunks.filter((chunk) => chunk.scenes.some(isPersonal));
    const cost = personal.length * (length + options.chunkCostInFrames);
    if (!best || cost < best.cost) best = { cost, plan };
  }
  return best?.plan ?? makePlan({ template, framesPerChunk: total });
}

/** Whether a scene shows anything beyond what every recipient of its locale sees. */
export function isPersonal(scene: Scene): boolean {
  return scene.reads.some((field) => !implicitReads.includes(field));
}

function makePlan(options: { template: TemplateDefinition; framesPerChunk: number }): ChunkPlan {
  const { template, framesPerChunk } = options;
  const chunks: Chunk[] = [];
  for (let from = 0, index = 0; from < template.durationInFrames; from += framesPerChunk, index += 1) {
    const to = from + framesPerChunk;
    const scenes = template.scenes.filter((scene) => scene.from < to && scene.from + scene.durationInFrames > from);
    chunks.push({ index, from, to, scenes });
  }
  return { framesPerChunk, chunks };
}
