import fs from 'node:fs';
import path from 'node:path';
import { sizeOfFolder } from './size-of-folder.ts';
import { openLocalPublisher } from '../../server/publish/open-local-publisher.ts';
import { publishRecipient } from '../../server/publish/publish-recipient.ts';
import { openRenderer } from '../../server/render/open-renderer.ts';
import type { BaseRecord, TemplateDefinition, VideoDelivery } from '../../templates/template-definition.ts';

/** What a Kindly pass stored: the shared assets once, and each recipient's own folder. */
export type StoredBytes = { shared: number; perRecipient: number[] };

/**
 * Kindly's eager path for a list of recipients, as a worker runs it: one renderer with a fresh,
 * empty segment cache (every shared segment's one-off cost included), `inFlight` recipients at
 * once, each rendered (`delivery`: one MP4, or an HLS stream of shared and personal segments) and
 * published to a local site folder. Returns each recipient's wall seconds, the segment cache's
 * use and the bytes stored: shared assets (HLS segments everyone plays) and each recipient's folder.
 */
export async function renderKindlyRecipients(options: {
  template: TemplateDefinition;
  records: readonly BaseRecord[];
  delivery: VideoDelivery;
  serveUrl: string;
  browserExecutable: string | undefined;
  inFlight: number;
  workDir: string;
  onRecipient?: (index: number, seconds: number) => void;
}): Promise<{ each: number[]; segments: { rendered: number; reused: number }; bytes: StoredBytes }> {
  const { records, workDir } = options;
  const each: number[] = new Array(records.length).fill(0);
  const segments = { rendered: 0, reused: 0 };
  const site = path.join(workDir, 'site');
  const publisher = openLocalPublisher({ root: site });
  const renderer = await openRenderer({
    template: options.template,
    browserExecutable: options.browserExecutable,
    serveUrl: options.serveUrl,
    segmentCacheDir: path.join(workDir, 'segments'),
    onSegment: (event) => (event.rendered ? (segments.rendered += 1) : (segments.reused += 1)),
  });
  try {
    let next = 0;
    const lane = async () => {
      for (let index = next++; index < records.length; index = next++) {
        const started = performance.now();
        const media = await renderer.renderRecipient({
          record: records[index]!,
          delivery: options.delivery,
          workDir: path.join(workDir, `recipient-${index}`),
        });
        // The page itself is the same for both deliveries: a placeholder stands for it.
        await publishRecipient({ publisher, token: `recipient-${index}`, media, html: '' });
        const seconds = (performance.now() - started) / 1000;
        each[index] = seconds;
        options.onRecipient?.(index, seconds);
      }
    };
    await Promise.all(Array.from({ length: Math.max(1, options.inFlight) }, lane));
  } finally {
    await renderer.close();
  }
  const bytes: StoredBytes = {
    shared: sizeOf(path.join(site, 'assets')),
    perRecipient: records.map((_, index) => sizeOf(path.join(site, 'r', `recipient-${index}`))),
  };
  return { each, segments, bytes };
}

/** The bytes of every file under `dir` (0 when there is no such folder). */
const sizeOf = (dir: string) => (fs.existsSync(dir) ? sizeOfFolder(dir).bytes : 0);
