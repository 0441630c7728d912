import type { PageHotspot } from '../../../templates/interactive/personal-payload.ts';
import { el } from '../../shared/dom.ts';

/**
 * Call-to-action buttons in the strip under the video, each shown while the playhead is in its
 * range, in the template's order. They are real buttons (links for the invoice): mouse, touch and
 * keyboard work alike, and a hidden button is out of the tab order. Each appearance is announced
 * once to screen readers. They never sit on the picture: there they would hide its text and the
 * player's controls on a phone, and their colours could not be read on every frame.
 */
export function attachHotspots(options: {
  video: HTMLVideoElement;
  layer: HTMLElement;
  hotspots: readonly PageHotspot[];
  invoiceUrl: string | undefined;
  announce: (text: string) => void;
  onAction: (hotspot: PageHotspot) => void;
}): void {
  const { video, layer } = options;
  const shown = new Set<string>();
  const items = options.hotspots.map((hotspot) => {
    const attributes = { class: 'hotspot', 'data-hotspot': hotspot.id, 'data-action': hotspot.action, hidden: true };
    const element =
      hotspot.action === 'invoice' && options.invoiceUrl
        ? el('a', { ...attributes, href: options.invoiceUrl, target: '_blank', rel: 'noreferrer' }, hotspot.label)
        : el('button', { ...attributes, type: 'button' }, hotspot.label);
    element.addEventListener('click', () => options.onAction(hotspot));
    layer.append(element);
    return { hotspot, element };
  });
  const update = () => {
    const time = video.currentTime;
    for (const { hotspot, element } of items) {
      // The encoded video may run a few milliseconds past the template's end.
      const visible = time >= hotspot.from && (time <= hotspot.to || hotspot.untilEnd);
      if (element.hidden !== visible) continue;
      element.hidden = !visible;
      if (visible && !shown.has(hotspot.id)) {
        shown.add(hotspot.id);
        options.announce(hotspot.label);
      }
    }
  };
  for (const type of ['timeupdate', 'seeked', 'loadedmetadata', 'play']) video.addEventListener(type, update);
  reserveFirstRow({ layer, buttons: items.map((item) => ({ from: item.hotspot.from, element: item.element })) });
}

/**
 * Keeps room in the strip for the first buttons to appear (measured at the strip's width, again
 * when it changes), so their arrival pushes nothing a finger is about to tap.
 */
function reserveFirstRow(options: {
  layer: HTMLElement;
  buttons: readonly { from: number; element: HTMLElement }[];
}): void {
  const { layer, buttons } = options;
  const firstFrom = Math.min(...buttons.map((button) => button.from));
  const first = buttons.filter((button) => button.from === firstFrom);
  const measure = () => {
    // Only while none shows: then the strip holds exactly the buttons laid out for the measure.
    if (buttons.some((button) => !button.element.hidden)) return;
    layer.style.minHeight = '';
    const lay = (shown: boolean) => {
      for (const { element } of first) {
        element.hidden = !shown;
        element.style.visibility = shown ? 'hidden' : '';
      }
    };
    lay(true);
    const height = layer.offsetHeight;
    lay(false);
    if (height > 0) layer.style.minHeight = `${height}px`;
  };
  if (first.length > 0) new ResizeObserver(measure).observe(layer);
}
