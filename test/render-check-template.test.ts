import { describe, expect, it } from 'vitest';
import { KindlyError } from '../server/errors.ts';
import { openRenderer } from '../server/render/open-renderer.ts';
import { mapHeldFrames } from '../server/render/map-held-frames.ts';
import { planChunks } from '../server/render/plan-chunks.ts';
import { checkTemplate } from '../templates/check-template.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { Scene, TemplateDefinition } from '../templates/template-definition.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const withScenes = (scenes: Scene[]): TemplateDefinition => ({ ...template, scenes });

describe('checkTemplate', () => {
  it('finds nothing wrong with gentle-reminder', () => {
    expect(checkTemplate(template)).toEqual([]);
  });

  it('names the template and scene of a gap, an overlap, a short timeline and an unknown field', () => {
    expect(
      checkTemplate(
        withScenes([
          { id: 'intro', from: 0, durationInFrames: 90, reads: [] },
          { id: 'personal', from: 100, durationInFrames: 200, reads: ['name'] },
          { id: 'outro', from: 250, durationInFrames: 100, reads: ['nickname'] },
        ]),
      ),
    ).toEqual([
      'Template "gentle-reminder"@1.0.0, scene "outro": reads "nickname", which is not a field of the template (fields: id, name, amount, currency, due_date, invoice, locale, email, phone, timezone, postcode, invoice_url)',
      'Template "gentle-reminder"@1.0.0, scene "personal": starts at frame 100, leaving frames 90–99 after the end of scene "intro" in no scene; start it at frame 90',
      'Template "gentle-reminder"@1.0.0, scene "outro": starts at frame 250, overlapping the end of scene "personal" (frame 300) by 50 frames; start it at frame 300',
      'Template "gentle-reminder"@1.0.0, scene "outro": the scenes end at frame 350 but the video has 450 frames; extend the last scene or add one to cover frames 350–449',
    ]);
  });

  it('refuses a timeline that does not start at 0, runs past the end, or repeats an id', () => {
    const problems = checkTemplate(
      withScenes([
        { id: 'a', from: 10, durationInFrames: 200, reads: [] },
        { id: 'a', from: 210, durationInFrames: 300, reads: [] },
      ]),
    );
    expect(problems).toEqual([
      'Template "gentle-reminder"@1.0.0, scene "a": the id is used twice; give every scene its own id',
      'Template "gentle-reminder"@1.0.0, scene "a": starts at frame 10, leaving frames 0–9 after the start of the video in no scene; start it at frame 0',
      'Template "gentle-reminder"@1.0.0, scene "a": the scenes run to frame 510, past the video\'s 450 frames; shorten the last scene',
    ]);
  });

  it('refuses a stillFrom outside its scene, naming the scene and the frames it may take', () => {
    expect(
      checkTemplate(
        withScenes([
          { id: 'intro', from: 0, durationInFrames: 150, reads: [], stillFrom: 150 },
          { id: 'personal', from: 150, durationInFrames: 300, reads: ['name'], stillFrom: 12.5 },
        ]),
      ),
    ).toEqual([
      'Template "gentle-reminder"@1.0.0, scene "intro": stillFrom 150 is not a frame of the scene; give a whole number from 0 to 149, or leave it out if the scene moves to its end',
      'Template "gentle-reminder"@1.0.0, scene "personal": stillFrom 12.5 is not a frame of the scene; give a whole number from 0 to 299, or leave it out if the scene moves to its end',
    ]);
  });

  it('makes openRenderer refuse the template before it bundles or opens a browser', async () => {
    const broken = withScenes([{ id: 'only', from: 0, durationInFrames: 100, reads: [] }]);
    const opening = openRenderer({
      template: broken,
      browserExecutable: '/nonexistent/browser',
      serveUrl: '/nonexistent/bundle',
      segmentCacheDir: '/nonexistent/segments',
    });
    await expect(opening).rejects.toBeInstanceOf(KindlyError);
    await expect(opening).rejects.toThrow(
      /Template gentle-reminder cannot be rendered: .*scene "only": the scenes end at frame 100/,
    );
  });
});

describe('mapHeldFrames', () => {
  it("maps each frame of a still stretch to the scene's first still frame, and moving frames to themselves", () => {
    const intro = { id: 'intro', from: 0, durationInFrames: 10, reads: [], stillFrom: 4 };
    const personal = { id: 'personal', from: 10, durationInFrames: 10, reads: ['name'] };
    expect(mapHeldFrames({ index: 0, from: 2, to: 14, scenes: [intro, personal] })).toEqual([
      2, 3, 4, 4, 4, 4, 4, 4, 10, 11, 12, 13,
    ]);
    expect(mapHeldFrames({ index: 1, from: 10, to: 20, scenes: [personal] })).toEqual([
      10, 11, 12, 13, 14, 15, 16, 17, 18, 19,
    ]);
  });

  it('holds a chunk that starts inside a still stretch on the picture from before the chunk', () => {
    const scene = { id: 'outro', from: 300, durationInFrames: 150, reads: [], stillFrom: 62 };
    const frames = mapHeldFrames({ index: 3, from: 400, to: 450, scenes: [scene] });
    expect(new Set(frames)).toEqual(new Set([362]));
  });

  it('lets gentle-reminder draw under half of each chunk', () => {
    const plan = planChunks({ template, chunkCostInFrames: 16 });
    const drawn = plan.chunks.map((chunk) => new Set(mapHeldFrames(chunk)).size);
    expect(drawn.every((count, index) => count < (plan.chunks[index]!.to - plan.chunks[index]!.from) / 2)).toBe(true);
  });
});

describe('planChunks', () => {
  // A 7.5 s personal scene between a 3 s intro and a 4.5 s outro.
  const longPersonal = withScenes([
    { id: 'intro', from: 0, durationInFrames: 90, reads: [] },
    { id: 'personal', from: 90, durationInFrames: 225, reads: ['name', 'amount'] },
    { id: 'outro', from: 315, durationInFrames: 135, reads: ['locale'] },
  ]);

  it('gives gentle-reminder one personal chunk: its personal scene is exactly the middle third', () => {
    const plan = planChunks({ template, chunkCostInFrames: 16 });
    expect(plan.framesPerChunk).toBe(150);
    expect(plan.chunks.map((chunk) => chunk.scenes.map((scene) => scene.id).join('+'))).toEqual([
      'intro',
      'personal',
      'outro',
    ]);
  });

  it('cuts a timeline into equal chunks that never straddle the shared and personal scenes needlessly', () => {
    const plan = planChunks({ template: longPersonal, chunkCostInFrames: 0 });
    expect(plan.framesPerChunk).toBe(45);
    expect(plan.chunks.map((chunk) => chunk.scenes.map((scene) => scene.id).join('+'))).toEqual([
      'intro',
      'intro',
      'personal',
      'personal',
      'personal',
      'personal',
      'personal',
      'outro',
      'outro',
      'outro',
    ]);
  });

  it('takes longer chunks when each render call costs more than the frames it saves', () => {
    const plan = planChunks({ template: longPersonal, chunkCostInFrames: 60 });
    expect(plan.framesPerChunk).toBe(90);
    expect(plan.chunks.every((chunk) => chunk.to - chunk.from === 90)).toBe(true);
    expect(plan.chunks.at(-1)?.to).toBe(450);
  });
});
