import { describe, expect, it } from 'vitest';
import { createCampaignBody } from '../server/api/campaign-body.ts';
import {
  requirePlaybackMode,
  requireRenderMode,
  requireVideoDelivery,
  resolvePlayback,
} from '../server/campaign-options.ts';
import { InputError } from '../server/errors.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';

const template = gentleReminder as unknown as TemplateDefinition;
const body = { template: 'gentle-reminder', payUrl: 'https://pay.example.com/c' };

describe('playback option', () => {
  it('the campaign chooses; else the template; else rendered (MP4 only, as before)', () => {
    expect(resolvePlayback({ campaign: { playback: undefined }, template })).toBe('rendered');
    expect(resolvePlayback({ campaign: { playback: undefined }, template: { ...template, playback: 'both' } })).toBe(
      'both',
    );
    expect(resolvePlayback({ campaign: { playback: 'live' }, template: { ...template, playback: 'both' } })).toBe(
      'live',
    );
  });

  it('refuses an unknown mode, naming the value and the modes there are', () => {
    expect(() => requirePlaybackMode('stream')).toThrow(InputError);
    expect(() => requirePlaybackMode('stream')).toThrow(
      /Unknown playback mode[\s\S]*stream[\s\S]*rendered[\s\S]*live[\s\S]*both/,
    );
    expect(requirePlaybackMode('both')).toBe('both');
  });

  it('POST /api/campaigns takes playback, and says what it must be', () => {
    expect(createCampaignBody.parse({ ...body, playback: 'live' }).playback).toBe('live');
    expect(createCampaignBody.parse(body).playback).toBeUndefined();
    const refused = createCampaignBody.safeParse({ ...body, playback: 'stream' });
    expect(refused.error?.issues[0]?.message).toBe(
      'playback must be rendered (MP4 only), live (the player in the page) or both',
    );
  });
});

describe('render option', () => {
  it('an on-open campaign publishes live pages, whatever the campaign or template says of playback', () => {
    const both = { ...template, playback: 'both' as const };
    expect(resolvePlayback({ campaign: { playback: 'rendered', renderMode: 'on-open' }, template: both })).toBe('live');
    expect(resolvePlayback({ campaign: { playback: undefined, renderMode: 'eager' }, template: both })).toBe('both');
  });

  it('refuses an unknown mode, naming the value and the modes there are, in the CLI and the API', () => {
    expect(() => requireRenderMode('lazy')).toThrow(InputError);
    expect(() => requireRenderMode('lazy')).toThrow(/Unknown render mode[\s\S]*lazy[\s\S]*eager[\s\S]*on-open/);
    expect(requireRenderMode('on-open')).toBe('on-open');
    expect(createCampaignBody.parse({ ...body, render: 'on-open' }).render).toBe('on-open');
    expect(createCampaignBody.safeParse({ ...body, render: 'lazy' }).error?.issues[0]?.message).toBe(
      'render must be eager (every video before sending) or on-open (each video when its page is first opened)',
    );
  });
});

describe('video delivery option', () => {
  it('refuses an unknown delivery, naming the value and the choices', () => {
    expect(() => requireVideoDelivery('dash')).toThrow(InputError);
    expect(() => requireVideoDelivery('dash')).toThrow(/Unknown video delivery[\s\S]*dash[\s\S]*mp4[\s\S]*hls/);
    expect(requireVideoDelivery('hls')).toBe('hls');
  });

  it('POST /api/campaigns takes video (mp4 when absent), and says what it must be', () => {
    expect(createCampaignBody.parse({ ...body, video: 'hls' }).video).toBe('hls');
    expect(createCampaignBody.parse(body).video).toBeUndefined();
    const refused = createCampaignBody.safeParse({ ...body, video: 'webm' });
    expect(refused.error?.issues[0]?.message).toBe(
      "video must be mp4 (one file per recipient) or hls (a playlist of shared segments and the recipient's own)",
    );
  });
});
