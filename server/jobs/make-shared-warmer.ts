import type { TemplateDefinition } from '../../templates/template-definition.ts';
import type { NeutralLook } from '../render/render-neutral-thumbnail.ts';
import { describeFailure } from './describe-failure.ts';
import { remember } from './remember-promise.ts';
import { withRenderer, type RendererPool } from './renderer-pool.ts';

/** Makes a look's shared segments ahead of its first render on open; at most once per process and look. */
export type SharedWarmer = {
  /** Starts (or joins) making the look's shared segments; never rejects: a failure leaves them to the first render. */
  warm: (options: { template: TemplateDefinition; look: NeutralLook }) => Promise<void>;
  /** Resolves when every warm-up started so far has ended. */
  settled: () => Promise<void>;
  /** Stops starting new warm-ups and keeps the failures of those cut short by the shutdown quiet. */
  stop: () => void;
};

/**
 * The shared intro, outro and sound of a campaign rendering on open cost the same whoever opens
 * first; made when the campaign publishes, the first debtor of each look to open waits for their
 * own part only (measured: 14–38 s for the first four opens of four locales, ~6 s after). The
 * segment cache makes them once across processes too: a second worker finds them there.
 */
export function makeSharedWarmer(options: { pool: RendererPool }): SharedWarmer {
  const made = new Map<string, Promise<void>>();
  const running = new Set<Promise<void>>();
  let stopped = false;
  return {
    warm: ({ template, look }) => {
      if (stopped) return Promise.resolve();
      const key = JSON.stringify([template.id, template.version, look]);
      const found = made.get(key);
      if (found) return found;
      // Tried once per look: after a failure the first render on open makes them, as it would anyway.
      const making = withRenderer(options.pool, template, (renderer) => renderer.renderShared({ look })).catch(
        (error: unknown) => {
          if (!stopped)
            console.error(
              `The shared segments of ${template.id} (${look.locale}) were not made ahead (${describeFailure(error).error}); the first render on open makes them`,
            );
        },
      );
      running.add(making);
      void making.finally(() => running.delete(making));
      return remember(made, key, making);
    },
    settled: async () => {
      while (running.size > 0) await Promise.all(running);
    },
    stop: () => {
      stopped = true;
    },
  };
}
