import { createHash } from 'node:crypto';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';
import { implicitReads, type Chunk } from './plan-chunks.ts';
import type { SegmentKind } from './render-context.ts';
import type { RenderSettings } from './render-settings.ts';

/**
 * The content address of one rendered chunk (its picture and sound, or either alone) or poster:
 * everything that can change its pixels or samples — template and version, the bundle, the
 * browser, the encoding, where the chunk sits and where its scenes go still, and the values of
 * the fields its scenes read. Recipients sharing those values share the chunk.
 */
export function makeSegmentKey(options: {
  template: TemplateDefinition;
  bundleHash: string;
  browserVersion: string;
  settings: RenderSettings;
  chunk: Chunk;
  framesPerChunk: number;
  record: BaseRecord;
  kind: SegmentKind;
}): string {
  const { chunk, record } = options;
  const fields = [...new Set(getSegmentReads(options))].sort();
  const values = Object.fromEntries(fields.map((field) => [field, (record as Record<string, unknown>)[field] ?? null]));
  const material = {
    format: 2,
    kind: options.kind,
    template: `${options.template.id}@${options.template.version}`,
    bundle: options.bundleHash,
    browser: options.browserVersion,
    settings: options.settings,
    framesPerChunk: options.framesPerChunk,
    frames: [chunk.from, chunk.to],
    // Where a scene goes still decides which pictures are drawn and which are held.
    scenes: chunk.scenes.map((scene) => ({ id: scene.id, stillFrom: scene.stillFrom ?? null })),
    values,
  };
  return createHash('sha256').update(stableJson(material)).digest('hex');
}

/** The record fields a segment depends on: its scenes' reads, or for a sound rendered apart what the template says its soundtrack reads, if it says. */
function getSegmentReads(options: {
  template: TemplateDefinition;
  chunk: Pick<Chunk, 'scenes'>;
  kind: SegmentKind;
}): readonly string[] {
  const { template } = options;
  return options.kind === 'sound' && template.soundReads
    ? template.soundReads
    : [...implicitReads, ...options.chunk.scenes.flatMap((scene) => scene.reads)];
}

/** Whether a segment shows or sounds anything beyond what every recipient of its locale gets: erasing a recipient removes those. */
export function isPersonalSegment(options: {
  template: TemplateDefinition;
  chunk: Pick<Chunk, 'scenes'>;
  kind: SegmentKind;
}): boolean {
  return getSegmentReads(options).some((field) => !implicitReads.includes(field));
}

/** JSON with object keys sorted, so equal inputs always hash equally. */
function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([key, inner]) => `${JSON.stringify(key)}:${stableJson(inner)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}
