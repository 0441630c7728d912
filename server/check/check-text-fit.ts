import fs from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import puppeteer from 'puppeteer-core';
import type { TemplateDefinition } from '../../templates/template-definition.ts';
import { findBrowser } from '../render/find-browser.ts';
import { serveFolders } from '../serve-folders.ts';
import { checkStills } from './check-stills.ts';
import type { FitApi, FitCase, MeasuredText } from './fit-page.tsx';
import { listFitRecords } from './list-fit-records.ts';
import { makeFitBundle } from './make-fit-bundle.ts';

/** Sub-pixel rounding is not an overflow. */
const tolerance = 1;

const shorten = (text: string) => {
  const line = text.replace(/\s+/g, ' ').trim();
  return line.length > 48 ? `${line.slice(0, 47)}…` : line;
};

/**
 * Lays out the last frame of every scene (all entrances done) in real Chromium with the shipped
 * fonts, for every example and for the longest values in every locale, and reports each text box
 * marked `data-text` that runs out of the video frame or is clipped by its own box. Messages name
 * template, scene, locale, record and text. On the same page, checks that scenes declared still
 * are (checkStills). Returns the problems per template id.
 */
export async function checkTextFit(options: {
  templates: readonly TemplateDefinition[];
  assetsDir: string;
  browserExecutable?: string;
  componentsModule?: string;
}): Promise<Map<string, string[]>> {
  const outDir = await fs.mkdtemp(path.join(os.tmpdir(), 'kindly-fit-'));
  const problems = new Map<string, string[]>(options.templates.map((template) => [template.id, []]));
  try {
    await makeFitBundle({ outDir, componentsModule: options.componentsModule });
    await fs.writeFile(
      path.join(outDir, 'index.html'),
      '<!doctype html><meta charset="utf-8"><link rel="stylesheet" href="/fit.css"><style>body{margin:0}</style><script type="module" src="/fit.js"></script>',
    );
    const server = await serveFolders({ folders: [outDir, options.assetsDir] });
    const executablePath = findBrowser({ configured: options.browserExecutable });
    if (!executablePath)
      throw new Error('No Chromium found for the text-fit check: install chromium (or set KINDLY_BROWSER)');
    const browser = await puppeteer.launch({
      executablePath,
      headless: true,
      args: ['--no-sandbox', '--disable-gpu', '--font-render-hinting=none'],
    });
    try {
      const page = await browser.newPage();
      const width = Math.max(...options.templates.map((template) => template.width));
      const height = Math.max(...options.templates.map((template) => template.height));
      await page.setViewport({ width, height, deviceScaleFactor: 1 });
      await page.goto(server.url, { waitUntil: 'load' });
      await page.waitForFunction(() => 'kindlyFit' in window);
      for (const template of options.templates) {
        const found = problems.get(template.id) ?? [];
        let marked = 0;
        for (const { label, record } of listFitRecords(template)) {
          for (const scene of template.scenes) {
            const fit: FitCase = {
              templateId: template.id,
              props: record,
              frame: scene.from + scene.durationInFrames - 1,
              width: template.width,
              height: template.height,
              fps: template.fps,
              durationInFrames: template.durationInFrames,
            };
            const texts = await page.evaluate(
              (input) => (window as unknown as { kindlyFit: FitApi }).kindlyFit.measure(input),
              fit,
            );
            marked += texts.length;
            const where = `Template "${template.id}"@${template.version}, scene "${scene.id}", locale ${record.locale}, ${label}`;
            for (const text of texts) {
              const overflow = describeOverflow({ text, width: template.width, height: template.height });
              if (overflow) {
                found.push(
                  `${where}, text "${text.name}" ("${shorten(text.text)}"): ${overflow}; shorten the copy, let the box wrap, or shrink long text to fit (see compositions/${template.id})`,
                );
              }
            }
          }
        }
        found.push(...(await checkStills({ page, template })));
        if (marked === 0)
          found.push(
            `Template "${template.id}"@${template.version}: no text box is marked, so none can be checked; add data-text="<name>" to each text element of compositions/${template.id}`,
          );
      }
    } finally {
      await browser.close();
      await server.close();
    }
  } finally {
    await fs.rm(outDir, { recursive: true, force: true });
  }
  return problems;
}

function describeOverflow(options: { text: MeasuredText; width: number; height: number }): string | undefined {
  const { box, client, scroll } = options.text;
  const frame = `the ${options.width}×${options.height} frame`;
  const past = [
    { by: -box.left, edge: 'left' },
    { by: box.right - options.width, edge: 'right' },
    { by: -box.top, edge: 'top' },
    { by: box.bottom - options.height, edge: 'bottom' },
  ].filter((side) => side.by > tolerance);
  if (past.length > 0)
    return past.map((side) => `runs ${Math.round(side.by)} px past the ${side.edge} edge of ${frame}`).join(', ');
  if (scroll.width > client.width + tolerance)
    return `is ${scroll.width - client.width} px wider than its ${client.width} px box and is cut off`;
  if (scroll.height > client.height + tolerance)
    return `is ${scroll.height - client.height} px taller than its ${client.height} px box and is cut off`;
  return undefined;
}
