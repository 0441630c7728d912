import fs from 'node:fs/promises';
import { createRequire } from 'node:module';
import type { Page } from 'puppeteer-core';

type AxeRun = (
  context: Element | null,
) => Promise<{ violations: { id: string; impact: string; nodes: { target: string[] }[] }[] }>;

/** axe-core's serious and critical findings in one part of the page (by CSS selector), each with its elements. */
export async function findAxeViolations(options: { page: Page; selector: string }) {
  await options.page.evaluate(await fs.readFile(createRequire(import.meta.url).resolve('axe-core/axe.min.js'), 'utf8'));
  return options.page.evaluate(async (selector) => {
    const { axe } = window as unknown as { axe: { run: AxeRun } };
    const { violations } = await axe.run(document.querySelector(selector));
    return violations
      .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
      .map((violation) => ({ id: violation.id, targets: violation.nodes.map((node) => node.target.join(' ')) }));
  }, options.selector);
}
