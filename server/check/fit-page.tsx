import { Thumbnail } from '@remotion/player';
import type { ComponentType } from 'react';
import { flushSync } from 'react-dom';
import { createRoot, type Root } from 'react-dom/client';

/** One frame to lay out: a template's composition with a record's props at a frame. */
export type FitCase = {
  templateId: string;
  props: Record<string, unknown>;
  frame: number;
  width: number;
  height: number;
  fps: number;
  durationInFrames: number;
};

/** A text box the composition marked with `data-text`, as laid out in that frame (pixels, frame-relative). */
export type MeasuredText = {
  name: string;
  text: string;
  box: { left: number; top: number; right: number; bottom: number };
  client: { width: number; height: number };
  scroll: { width: number; height: number };
};

/** What the page offers the check, as `window.kindlyFit`. */
export type FitApi = { measure: (fit: FitCase) => Promise<MeasuredText[]>; draw: (fit: FitCase) => Promise<void> };

const nextFrame = () => new Promise<void>((resolve) => requestAnimationFrame(() => resolve()));

/**
 * The page the template check opens in Chromium: `window.kindlyFit.measure(case)` lays out one
 * frame of a composition at its real size with its shipped fonts loaded, and returns the boxes
 * of its marked text; `window.kindlyFit.draw(case)` lays one out and leaves it on the page, at
 * the top left, for a screenshot.
 */
export function mountFitPage(components: Record<string, ComponentType<never>>): void {
  const host = document.createElement('div');
  host.style.cssText = 'position:absolute;left:0;top:0';
  document.body.append(host);
  let shown: Root | undefined;
  const mount = async (fit: FitCase): Promise<Root> => {
    shown?.unmount();
    shown = undefined;
    const component = components[fit.templateId];
    if (!component) throw new Error(`No composition for template "${fit.templateId}" in compositions/components.ts`);
    const root = createRoot(host);
    flushSync(() =>
      root.render(
        <Thumbnail
          component={component as ComponentType<Record<string, unknown>>}
          inputProps={fit.props}
          frameToDisplay={fit.frame}
          durationInFrames={fit.durationInFrames}
          fps={fit.fps}
          compositionWidth={fit.width}
          compositionHeight={fit.height}
          style={{ width: fit.width, height: fit.height }}
        />,
      ),
    );
    await nextFrame();
    await document.fonts.ready;
    await Promise.all([...host.querySelectorAll('img')].map((image) => image.decode().catch(() => undefined)));
    await nextFrame();
    await nextFrame();
    return root;
  };
  const measure = async (fit: FitCase): Promise<MeasuredText[]> => {
    const root = await mount(fit);
    const frame = host.getBoundingClientRect();
    const measured = [...host.querySelectorAll<HTMLElement>('[data-text]')].map((element) => {
      const rect = element.getBoundingClientRect();
      return {
        name: element.dataset.text ?? '',
        text: element.innerText,
        box: {
          left: rect.left - frame.left,
          top: rect.top - frame.top,
          right: rect.right - frame.left,
          bottom: rect.bottom - frame.top,
        },
        client: { width: element.clientWidth, height: element.clientHeight },
        scroll: { width: element.scrollWidth, height: element.scrollHeight },
      };
    });
    root.unmount();
    return measured;
  };
  const draw = async (fit: FitCase): Promise<void> => {
    shown = await mount(fit);
  };
  (window as unknown as { kindlyFit: FitApi }).kindlyFit = { measure, draw };
}
