import type { TemplateDefinition } from '../../templates/template-definition.ts';

/** The stretch of video the animated thumbnail plays: the poster's scene building up to the poster (at most 3 s). */
export function getThumbnailClip(template: TemplateDefinition): { fromSeconds: number; seconds: number } {
  const frame = template.posterFrame;
  const scene = template.scenes.find(
    (candidate) => candidate.from <= frame && frame < candidate.from + candidate.durationInFrames,
  );
  const from = Math.max(scene?.from ?? 0, frame - 3 * template.fps);
  // A poster at the very start of its scene has nothing leading up to it: play what follows.
  return frame - from >= template.fps / 2
    ? { fromSeconds: from / template.fps, seconds: (frame - from) / template.fps }
    : { fromSeconds: frame / template.fps, seconds: 2 };
}
