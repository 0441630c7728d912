import fs from 'node:fs/promises';
import path from 'node:path';
import type { FastifyInstance } from 'fastify';
import { buildApp } from '../api/build-app.ts';
import type { Config } from '../config.ts';
import { siteDirOf } from '../run-campaign.ts';
import type { Db } from '../store/db.ts';

/** `kindly serve`: the local CDN folder, tracking and the admin API, listening on the configured address. */
export async function serveCommand(options: { out: string; port: number; host: string; config: Config; db: Db; log: (line: string) => void }): Promise<FastifyInstance> {
  const siteDir = siteDirOf(path.resolve(options.out));
  await fs.mkdir(siteDir, { recursive: true });
  const app = await buildApp({ db: options.db, siteDir, apiKey: options.config.apiKey, logLevel: options.config.logLevel === 'info' ? 'warn' : options.config.logLevel });
  const address = await app.listen({ port: options.port, host: options.host });
  options.log(`Serving ${siteDir} and tracking on ${address}`);
  if (!options.config.apiKey) options.log('Admin API disabled: set KINDLY_API_KEY (16+ characters) to use /api/*');
  return app;
}
