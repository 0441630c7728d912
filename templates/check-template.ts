import type { TemplateDefinition } from './template-definition.ts';

/**
 * The problems of a template's timeline, as messages naming the template and the scene: scenes
 * must tile `[0, durationInFrames)` with no gap and no overlap, and read only fields the template
 * knows. Renders cut and cache the video along scene borders, so a timeline that does not tile
 * would leave frames unrendered or cached under the wrong inputs. Empty when the template is sound.
 */
export function checkTemplate(template: TemplateDefinition): string[] {
  const name = `Template "${template.id}"@${template.version}`;
  const problems: string[] = [];
  const total = template.durationInFrames;
  if (!Number.isInteger(total) || total <= 0) {
    problems.push(`${name}: durationInFrames is ${total}; it must be a whole number of frames above 0`);
  }
  if (template.scenes.length === 0) {
    problems.push(`${name}: has no scenes; list scenes that cover frames 0 to ${total}`);
    return problems;
  }
  const known = new Set(template.fields);
  const seen = new Set<string>();
  for (const scene of template.scenes) {
    const label = `${name}, scene "${scene.id}"`;
    if (seen.has(scene.id)) problems.push(`${label}: the id is used twice; give every scene its own id`);
    seen.add(scene.id);
    if (!Number.isInteger(scene.from) || !Number.isInteger(scene.durationInFrames) || scene.durationInFrames <= 0) {
      problems.push(
        `${label}: from ${scene.from} and durationInFrames ${scene.durationInFrames} must be whole numbers, the duration above 0`,
      );
    }
    if (
      scene.stillFrom !== undefined &&
      (!Number.isInteger(scene.stillFrom) || scene.stillFrom < 0 || scene.stillFrom >= scene.durationInFrames)
    ) {
      problems.push(
        `${label}: stillFrom ${scene.stillFrom} is not a frame of the scene; give a whole number from 0 to ${scene.durationInFrames - 1}, or leave it out if the scene moves to its end`,
      );
    }
    for (const field of scene.reads) {
      if (!known.has(field))
        problems.push(
          `${label}: reads "${field}", which is not a field of the template (fields: ${template.fields.join(', ')})`,
        );
    }
  }
  const ordered = [...template.scenes].sort((a, b) => a.from - b.from);
  let end = 0;
  let previous: string | undefined;
  for (const scene of ordered) {
    const after = previous === undefined ? 'the start of the video' : `the end of scene "${previous}"`;
    if (scene.from > end) {
      problems.push(
        `${name}, scene "${scene.id}": starts at frame ${scene.from}, leaving frames ${end}–${scene.from - 1} after ${after} in no scene; start it at frame ${end}`,
      );
    } else if (scene.from < end) {
      problems.push(
        `${name}, scene "${scene.id}": starts at frame ${scene.from}, overlapping ${after} (frame ${end}) by ${end - scene.from} frames; start it at frame ${end}`,
      );
    }
    end = Math.max(end, scene.from + scene.durationInFrames);
    previous = scene.id;
  }
  if (end !== total) {
    const last = ordered[ordered.length - 1]?.id ?? '';
    problems.push(
      end < total
        ? `${name}, scene "${last}": the scenes end at frame ${end} but the video has ${total} frames; extend the last scene or add one to cover frames ${end}–${total - 1}`
        : `${name}, scene "${last}": the scenes run to frame ${end}, past the video's ${total} frames; shorten the last scene`,
    );
  }
  if (!Number.isInteger(template.posterFrame) || template.posterFrame < 0 || template.posterFrame >= total) {
    problems.push(`${name}: posterFrame ${template.posterFrame} is outside the video (frames 0–${total - 1})`);
  }
  return problems;
}
