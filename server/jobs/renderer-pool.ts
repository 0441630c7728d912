import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { makeBundle } from '../render/make-bundle.ts';
import { openRenderer, type Renderer } from '../render/open-renderer.ts';
import type { SegmentCache } from '../render/segment-cache.ts';

/** A renderer lent for one render; `release` gives it back. */
export type Lease = { renderer: Renderer; release: () => void };

/**
 * Renderers by template sharing one bundle. Each is retired after `recycleEvery` renders and
 * closed once its last render is done, so a long-lived browser cannot grow without bound.
 */
export type RendererPool = {
  lease: (template: TemplateDefinition) => Promise<Lease>;
  close: () => Promise<void>;
};

/** Runs `use` with a renderer leased from `pool` for `template`, given back however `use` ends. */
export async function withRenderer<T>(
  pool: RendererPool,
  template: TemplateDefinition,
  use: (renderer: Renderer) => Promise<T>,
): Promise<T> {
  const lease = await pool.lease(template);
  try {
    return await use(lease.renderer);
  } finally {
    lease.release();
  }
}

type Entry = { renderer: Promise<Renderer>; uses: number; active: number; retired: boolean };

export function makeRendererPool(options: {
  browserExecutable: string | undefined;
  frameConcurrency?: number;
  /** Chunks each renderer draws at once (see defaultRendersInFlight). */
  chunksInFlight?: number;
  recycleEvery?: number;
  segmentCache?: SegmentCache;
}): RendererPool {
  const recycleEvery = options.recycleEvery ?? 50;
  let bundle: Promise<string> | undefined;
  const current = new Map<string, Entry>();
  let closed = false;
  const closeEntry = (entry: Entry) => entry.renderer.then((renderer) => renderer.close()).catch(() => undefined);
  const openEntry = (template: TemplateDefinition): Entry => {
    bundle ??= makeBundle();
    const serveUrl = bundle;
    const entry: Entry = {
      renderer: serveUrl.then((url) =>
        openRenderer({
          template,
          browserExecutable: options.browserExecutable,
          concurrency: options.frameConcurrency,
          chunksInFlight: options.chunksInFlight,
          serveUrl: url,
          segmentCache: options.segmentCache,
        }),
      ),
      uses: 0,
      active: 0,
      retired: false,
    };
    current.set(template.id, entry);
    // A failed open must not stick: the next render tries again.
    entry.renderer.catch(() => {
      if (current.get(template.id) === entry) current.delete(template.id);
    });
    return entry;
  };
  return {
    async lease(template) {
      // A browser opened after close would outlive its process's shutdown.
      if (closed) throw new Error('The renderer pool is closed');
      let entry = current.get(template.id);
      if (!entry || entry.uses >= recycleEvery) {
        if (entry) {
          entry.retired = true;
          if (entry.active === 0) void closeEntry(entry);
        }
        entry = openEntry(template);
      }
      const leased = entry;
      leased.uses += 1;
      leased.active += 1;
      const renderer = await leased.renderer;
      let released = false;
      return {
        renderer,
        release: () => {
          if (released) return;
          released = true;
          leased.active -= 1;
          if (leased.retired && leased.active === 0) void closeEntry(leased);
        },
      };
    },
    async close() {
      closed = true;
      const entries = [...current.values()];
      current.clear();
      await Promise.all(entries.map(closeEntry));
    },
  };
}
