// A table wider than its section scrolls sideways in its own box (dashboard.css). A box that
// scrolls must be reachable by keyboard, to scroll it with the arrow keys: while it overflows it
// takes focus and is a named region; while it fits it is a plain box, with no extra tab stop.

/**
 * The boxes that scroll sideways: those of class table-scroll (dashboard.css) and debtor-scroll
 * (debtor.css), and any other div around a table directly in its section (the mapping step).
 */
const scrollBoxes = '.table-scroll, .debtor-scroll, main section > div:has(> table), main > section:has(> table)';

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

/**
 * Watches every sideways-scrolling box of the page (and its table, whose rows come and go) for as
 * long as the page is open, boxes drawn later (a debtor's tables) included.
 */
export function keepScrollBoxesReachable(): void {
  const watched = new Set<HTMLElement>();
  const observer = new ResizeObserver(() => {
    for (const box of watched) {
      if (box.isConnected) updateBox(box);
      else watched.delete(box);
    }
  });
  const scan = () => {
    for (const box of document.querySelectorAll<HTMLElement>(scrollBoxes)) {
      if (watched.has(box)) continue;
      watched.add(box);
      observer.observe(box);
      for (const table of box.querySelectorAll(':scope > table')) observer.observe(table);
    }
  };
  scan();
  const changes = new MutationObserver(scan);
  for (const main of document.querySelectorAll('main')) changes.observe(main, { childList: true, subtree: true });
}
