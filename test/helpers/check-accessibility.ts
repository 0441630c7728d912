import axe from 'axe-core';
import type { AxeResults } from 'axe-core';
import type { Page } from 'puppeteer-core';

/** The rules a console page is held to: WCAG 2.0 and 2.1, levels A and AA. */
const wcagTags = ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa'];

/**
 * Runs axe-core (WCAG 2.0/2.1 A and AA) on the page as it is now and returns its serious and
 * critical violations, one readable line per element: rule, impact, target, what to fix.
 * An empty list means the page passed.
 */
export async function checkAccessibility(page: Page): Promise<string[]> {
  // Evaluated rather than added as a script tag: the console's CSP (script-src 'self') refuses inline scripts.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const violations = await page.evaluate(async (tags) => {
    const runner = (window as unknown as { axe: { run: typeof axe.run } }).axe;
    const results: AxeResults = await runner.run(document, { runOnly: { type: 'tag', values: tags } });
    return results.violations.map((violation) => ({
      id: violation.id,
      impact: violation.impact ?? '',
      help: violation.help,
      nodes: violation.nodes.map((node) => ({
        target: node.target.map(String).join(' '),
        summary: (node.failureSummary ?? '').replace(/\s+/g, ' ').trim(),
      })),
    }));
  }, wcagTags);
  return violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .flatMap((violation) =>
      violation.nodes.map(
        (node) => `${violation.id} (${violation.impact}) ${node.target}: ${violation.help}. ${node.summary}`,
      ),
    );
}

/**
 * Lays the page out `width` px wide and returns what does not fit, one line each: the page
 * scrolling sideways; an element whose visible part sticks out of the viewport (what a scrolling
 * or clipping box around it hides does not count: a wide table may scroll in its own box); a box
 * that hides part of its content sideways without letting it scroll; two controls on top of each
 * other. An empty list means the page fits.
 */
export async function measureOverflow(options: { page: Page; width: number; height?: number }): Promise<string[]> {
  const { page, width } = options;
  await page.setViewport({ width, height: options.height ?? 900 });
  return page.evaluate(async () => {
    await new Promise((resolve) => requestAnimationFrame(() => requestAnimationFrame(resolve)));
    const root = document.documentElement;
    const viewport = root.clientWidth;
    const problems: string[] = [];
    if (root.scrollWidth > viewport)
      problems.push(`the page scrolls sideways: ${root.scrollWidth} px wide in a ${viewport} px viewport`);
    const name = (element: Element) =>
      element.tagName.toLowerCase() +
      (element.id ? `#${element.id}` : '') +
      [...element.classList].map((each) => `.${each}`).join('');
    const path = (element: Element) => {
      const names: string[] = [];
      for (let at: Element | null = element; at && at !== document.body; at = at.parentElement) {
        names.unshift(name(at));
        if (at.id) break;
      }
      return names.join(' > ');
    };
    // The part of an element left visible by the boxes around it that clip or scroll sideways.
    const visible = (element: Element) => {
      const box = element.getBoundingClientRect();
      let [left, right] = [box.left, box.right];
      for (let at = element.parentElement; at && at !== root; at = at.parentElement) {
        if (getComputedStyle(at).overflowX === 'visible') continue;
        const clip = at.getBoundingClientRect();
        [left, right] = [Math.max(left, clip.left), Math.min(right, clip.right)];
      }
      return { left, right, top: box.top, bottom: box.bottom, shown: box.width > 0 && box.height > 0 };
    };
    const sticksOut = (element: Element) => {
      const part = visible(element);
      if (!part.shown || part.right <= part.left) return false;
      return part.right > viewport + 0.5 || part.left < -0.5;
    };
    const elements = [...document.body.querySelectorAll('*')];
    for (const element of elements) {
      if (!sticksOut(element)) continue;
      // The outermost element that sticks out names the problem; its children say the same again.
      if (element.parentElement && element.parentElement !== document.body && sticksOut(element.parentElement))
        continue;
      const part = visible(element);
      problems.push(
        `${path(element)} sticks out of the ${viewport} px viewport (${Math.round(part.left)} to ${Math.round(part.right)} px)`,
      );
    }
    for (const element of elements) {
      const overflowX = getComputedStyle(element).overflowX;
      // A text kept for screen readers alone sits in a 1 px box on purpose: it cuts off nothing anyone sees.
      const readerOnly = element.clientWidth <= 1 && element.clientHeight <= 1;
      if (
        (overflowX === 'hidden' || overflowX === 'clip') &&
        !readerOnly &&
        element.scrollWidth > element.clientWidth + 1
      )
        problems.push(`${path(element)} cuts off its content (${element.scrollWidth} px in ${element.clientWidth} px)`);
    }
    const controls = document.body.querySelectorAll('a[href], button, input, select, textarea, iframe, [tabindex]');
    const boxes = [...controls].map((control) => ({ control, ...visible(control) })).filter((box) => box.shown);
    boxes.forEach((one, index) => {
      for (const other of boxes.slice(index + 1)) {
        if (one.control.contains(other.control) || other.control.contains(one.control)) continue;
        const overlapX = Math.min(one.right, other.right) - Math.max(one.left, other.left);
        const overlapY = Math.min(one.bottom, other.bottom) - Math.max(one.top, other.top);
        if (overlapX > 1 && overlapY > 1) problems.push(`${path(one.control)} overlaps ${path(other.control)}`);
      }
    });
    return problems;
  });
}
