// A table wider than its section scrolls sideways in its own box (dashboard.css). A box that
// scrolls must be reachable by keyboard, to scroll it with the arrow keys: while it overflows it
// takes focus and is a named region; while it fits it is a plain box, with no extra tab stop.

/** The boxes dashboard.css lets scroll sideways: a div around a table directly in its section, or the section itself. */
const scrollBoxes = 'main section > div:has(> table), main > section:has(> table)';

function describeBox(box: HTMLElement): string {
  let heading: Element | null = box.previousElementSibling;
  while (heading && !/^H[1-6]$/.test(heading.tagName)) heading = heading.previousElementSibling;
  const title = heading?.textContent?.trim() || box.closest('section')?.querySelector('h2, h3')?.textContent?.trim();
  return `${title || 'Table'} (scrolls sideways)`;
}

function updateBox(box: HTMLElement): void {
  const overflows = box.scrollWidth > box.clientWidth + 1;
  if (overflows === box.hasAttribute('data-scrolls')) return;
  if (overflows) {
    box.setAttribute('data-scrolls', '');
    box.tabIndex = 0;
    box.setAttribute('role', 'region');
    box.setAttribute('aria-label', describeBox(box));
  } else {
    box.removeAttribute('data-scrolls');
    box.removeAttribute('tabindex');
    box.removeAttribute('role');
    box.removeAttribute('aria-label');
  }
}

/** Watches every sideways-scrolling box of the page (and its table, whose rows come and go) for as long as the page is open. */
export function keepScrollBoxesReachable(): void {
  const boxes = [...document.querySelectorAll<HTMLElement>(scrollBoxes)];
  const observer = new ResizeObserver(() => boxes.forEach(updateBox));
  for (const box of boxes) {
    observer.observe(box);
    for (const table of box.querySelectorAll(':scope > table')) observer.observe(table);
  }
}
