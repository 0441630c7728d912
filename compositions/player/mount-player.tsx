import './no-eval.ts';
import { createRoot } from 'react-dom/client';
import { findTemplate } from '../../templates/registry.ts';
import { components } from '../components.ts';
import { LivePlayer, type LivePlayerHandle } from './LivePlayer.tsx';

declare global {
  interface Window {
    kindlyPlayer?: typeof kindlyPlayer;
  }
}

const mounted = new WeakMap<Element, { handle: Promise<LivePlayerHandle>; unmount: () => void }>();

/**
 * The live player's browser API: `mount(element, { templateId, props })` plays the template's
 * composition with the recipient's record (checked with the template's schema) inside `element`.
 * `staticBase` is where the site publishes the compositions' static files (audio, logo).
 * Mounting again replaces the previous player. Resolves once the player can be controlled.
 */
const kindlyPlayer = {
  mount(
    element: Element,
    options: { templateId: string; props: unknown; staticBase?: string },
  ): Promise<LivePlayerHandle> {
    const template = findTemplate(options.templateId);
    const component = components[options.templateId];
    if (!template || !component)
      return Promise.reject(new Error(`The live player has no template "${options.templateId}"`));
    const parsed = template.schema.safeParse(options.props);
    if (!parsed.success)
      return Promise.reject(
        new Error(`The live player's props do not fit ${template.id}: ${parsed.error.issues[0]?.path.join('.')}`),
      );
    // A path from the site's root: staticFile() prefixes whatever does not start with "/" with one,
    // so a full URL here would become "/http://…" (a 404).
    if (options.staticBase)
      window.remotion_staticBase = new URL(options.staticBase, document.baseURI).pathname.replace(/\/$/, '');
    mounted.get(element)?.unmount();
    const root = createRoot(element);
    const reducedMotion = window.matchMedia('(prefers-reduced-motion: reduce)').matches;
    const handle = new Promise<LivePlayerHandle>((resolve) => {
      root.render(
        <LivePlayer
          template={template}
          component={component}
          record={parsed.data}
          reducedMotion={reducedMotion}
          onReady={resolve}
        />,
      );
    });
    mounted.set(element, { handle, unmount: () => root.unmount() });
    return handle;
  },
  /** The player mounted in `element`, if any. */
  get(element: Element): Promise<LivePlayerHandle> | undefined {
    return mounted.get(element)?.handle;
  },
};

window.kindlyPlayer = kindlyPlayer;
