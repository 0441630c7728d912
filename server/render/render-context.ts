import type { HeadlessBrowser } from '@remotion/renderer';
import type { VideoConfig } from 'remotion';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import type { SegmentSource } from './make-segment-source.ts';
import type { ChunkPlan } from './plan-chunks.ts';
import type { RenderSettings } from './render-settings.ts';

/**
 * What a cached segment holds: a chunk's picture and sound (`chunk`; only the picture when its
 * scenes hold still pictures), a chunk's sound rendered apart (`sound`), the poster, or the
 * neutral e-mail thumbnail (`thumbnail`, drawn from a scene that shows nothing personal).
 */
export type SegmentKind = 'chunk' | 'sound' | 'poster' | 'thumbnail';

/**
 * What a segment is, for logs, metrics and the recipient's segment index: which chunk (or the
 * poster), its key, whether it is personal (see isPersonalSegment) and whether it had to be rendered.
 */
export type SegmentEvent = {
  kind: SegmentKind;
  index: number;
  from: number;
  to: number;
  key: string;
  personal: boolean;
  rendered: boolean;
  seconds: number;
};

/**
 * One step of a recipient's render and its wall seconds, for logs and benchmarks: the tab opened
 * until its first picture (`tab`), the pictures drawn after it (`pictures`, with their count),
 * the x264 encode of held pictures (`encode`), a chunk rendered whole (`chunk`), sound rendered
 * apart (`sound`), the MP4 join (`join`), poster and thumbnail (`poster`), e-mail GIF (`gif`).
 */
export type RenderStage = {
  stage: 'tab' | 'pictures' | 'encode' | 'chunk' | 'sound' | 'join' | 'poster' | 'gif';
  seconds: number;
  pictures?: number;
};

/** Everything an open renderer shares across recipients. */
export type RenderContext = {
  template: TemplateDefinition;
  composition: VideoConfig;
  serveUrl: string;
  /** The browser a render slot uses (one per slot when chunks render several frames at once). */
  getBrowser: (slot: number) => Promise<HeadlessBrowser>;
  browserExecutable: string | null;
  browserVersion: string;
  bundleHash: string;
  settings: RenderSettings;
  plan: ChunkPlan;
  source: SegmentSource;
  /** Frames rendered in parallel within one chunk. */
  concurrency: number;
  onSegment?: (event: SegmentEvent) => void;
  onStage?: (stage: RenderStage) => void;
};
