import type { Cue, Scene } from './template-definition.ts';

/** Caption cues for one scene: its lines of text share the scene's time equally, in order. */
export function makeSceneCues(options: { scene: Scene; texts: readonly string[] }): Cue[] {
  const { scene, texts } = options;
  const end = scene.from + scene.durationInFrames;
  return texts.map((text, index) => ({
    startFrame: scene.from + Math.round((index * scene.durationInFrames) / texts.length),
    endFrame:
      index === texts.length - 1 ? end : scene.from + Math.round(((index + 1) * scene.durationInFrames) / texts.length),
    text,
  }));
}
