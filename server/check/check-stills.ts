import type { Page } from 'puppeteer-core';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import type { FitApi, FitCase } from './fit-page.tsx';

/**
 * Checks that every scene declaring `stillFrom` is still from there on: its first still frame,
 * a frame in the middle of the still stretch and its last frame are drawn for the template's
 * first example and must be the same picture. Renders draw a still frame once and hold it, so a
 * scene that still moves would freeze in every video. Returns messages naming template, scene
 * and frames, with the fix.
 */
export async function checkStills(options: { page: Page; template: TemplateDefinition }): Promise<string[]> {
  const { page, template } = options;
  const example = template.examples[0];
  const parsed = example ? template.schema.safeParse(example) : undefined;
  // checkExamples reports a template without a valid example; there is nothing to draw here.
  if (!parsed?.success) return [];
  const props = parsed.data as Record<string, unknown>;
  const shoot = async (frame: number) => {
    const fit: FitCase = {
      templateId: template.id,
      props,
      frame,
      width: template.width,
      height: template.height,
      fps: template.fps,
      durationInFrames: template.durationInFrames,
    };
    await page.evaluate((input) => (window as unknown as { kindlyFit: FitApi }).kindlyFit.draw(input), fit);
    return Buffer.from(
      await page.screenshot({ type: 'png', clip: { x: 0, y: 0, width: template.width, height: template.height } }),
    );
  };
  const problems: string[] = [];
  for (const scene of template.scenes) {
    if (scene.stillFrom === undefined) continue;
    const first = scene.from + scene.stillFrom;
    const last = scene.from + scene.durationInFrames - 1;
    const still = await shoot(first);
    for (const frame of [...new Set([Math.round((first + last) / 2), last])].filter((each) => each > first)) {
      if ((await shoot(frame)).equals(still)) continue;
      problems.push(
        `Template "${template.id}"@${template.version}, scene "${scene.id}": stillFrom ${scene.stillFrom} says frame ${first} on is one still picture, but frame ${frame} differs from it; ` +
          `set stillFrom to when the scene's last motion ends (stillAfter(...) of its entrance delays), or leave it out if the scene moves to its end`,
      );
      break;
    }
  }
  return problems;
}
