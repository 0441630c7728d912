import fs from 'node:fs';
import { templates, findTemplate } from '../templates/registry.ts';
import type { PlaybackMode, TemplateDefinition, VideoDelivery } from '../templates/template-definition.ts';
import { InputError } from './errors.ts';

/** The template with this id, or an error listing the ones there are. */
export function requireTemplate(id: string): TemplateDefinition {
  const template = findTemplate(id);
  if (!template) {
    throw new InputError({
      problem: 'Unknown template',
      value: id,
      fix: `Use one of: ${templates.map((each) => each.id).join(', ')}`,
    });
  }
  return template;
}

/** An http(s) URL without a trailing slash, or an error naming the option. */
export function requireHttpUrl(options: { name: string; value: string }): string {
  let url: URL;
  try {
    url = new URL(options.value);
  } catch {
    throw new InputError({
      problem: `${options.name} is not a URL`,
      value: options.value,
      fix: `Pass a full URL such as https://pay.example.com/checkout`,
    });
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') {
    throw new InputError({
      problem: `${options.name} must be an http or https URL`,
      value: options.value,
      fix: 'Use an https:// address',
    });
  }
  return url.toString().replace(/\/$/, '');
}

/** The playback modes a campaign can choose. */
export const playbackModes = ['rendered', 'live', 'both'] as const satisfies readonly PlaybackMode[];

/** A playback mode, or an error listing the modes and what each does. */
export function requirePlaybackMode(value: string): PlaybackMode {
  const mode = playbackModes.find((candidate) => candidate === value);
  if (!mode) {
    throw new InputError({
      problem: 'Unknown playback mode',
      value,
      fix: 'Use rendered (MP4 only), live (the player in the page, no MP4) or both (the player, with the MP4 to download)',
    });
  }
  return mode;
}

/** How a campaign's videos can be delivered. */
export const videoDeliveries = ['mp4', 'hls'] as const satisfies readonly VideoDelivery[];

/** A video delivery, or an error listing the choices and what each does. */
export function requireVideoDelivery(value: string): VideoDelivery {
  const delivery = videoDeliveries.find((candidate) => candidate === value);
  if (!delivery) {
    throw new InputError({
      problem: 'Unknown video delivery',
      value,
      fix: 'Use mp4 (one video file per recipient) or hls (a playlist of shared segments and the recipient’s own)',
    });
  }
  return delivery;
}

/**
 * How a campaign's recipients watch: the campaign's choice, else the template's default, else
 * `rendered`. A campaign that renders on open publishes every page `live` (no video before the
 * page is opened), whatever either says.
 */
export function resolvePlayback(options: {
  campaign: { playback: PlaybackMode | undefined; renderMode?: RenderMode };
  template: TemplateDefinition;
}): PlaybackMode {
  if (options.campaign.renderMode === 'on-open') return 'live';
  return options.campaign.playback ?? options.template.playback ?? 'rendered';
}

/** When a campaign renders its recipients' videos: all before sending, or each at their page's first counted view. */
export const renderModes = ['eager', 'on-open'] as const;
export type RenderMode = (typeof renderModes)[number];

/** A render mode, or an error naming the value and the modes there are. */
export function requireRenderMode(value: string): RenderMode {
  const mode = renderModes.find((candidate) => candidate === value);
  if (!mode) {
    throw new InputError({
      problem: 'Unknown render mode',
      value,
      fix: "Use eager (every recipient's video rendered before sending) or on-open (each video rendered when its page is first opened)",
    });
  }
  return mode;
}

/** A readable records file, or an error naming the path. */
export function requireRecordsFile(file: string): string {
  if (!fs.existsSync(file) || !fs.statSync(file).isFile()) {
    throw new InputError({
      problem: 'The records file does not exist',
      value: file,
      fix: 'Check the path passed to --records',
    });
  }
  return file;
}

/** A tone the template offers, or an error listing them (or saying it has none). */
export function requireTone(options: { template: TemplateDefinition; tone: string }): string {
  const tones = options.template.tones ?? [];
  if (tones.includes(options.tone)) return options.tone;
  throw new InputError({
    problem: `Template ${options.template.id} has no tone "${options.tone}"`,
    value: options.tone,
    fix: tones.length > 0 ? `Use one of: ${tones.join(', ')}` : 'Leave the tone out: this template has one voice',
  });
}
