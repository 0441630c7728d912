import type { FastifyInstance } from 'fastify';
import type { Browser } from 'puppeteer-core';
import { getFreePort } from '../../scripts/lib/free-port.ts';
import { launchBrowser } from './launch-browser.ts';

/** What a test opened, closed in reverse order (afterAll). */
export type Closers = (() => Promise<unknown>)[];

export async function closeAll(closers: Closers): Promise<void> {
  for (const close of closers.reverse()) await close();
}

/** The app listening on loopback and a real Chromium, both registered for closing. */
export async function listenAndLaunch(options: {
  app: FastifyInstance;
  closers: Closers;
  port?: number;
}): Promise<{ base: string; browser: Browser }> {
  const port = options.port ?? (await getFreePort());
  options.closers.push(() => options.app.close());
  await options.app.listen({ port, host: '127.0.0.1' });
  const browser = await launchBrowser();
  options.closers.push(() => browser.close());
  return { base: `http://127.0.0.1:${port}`, browser };
}
