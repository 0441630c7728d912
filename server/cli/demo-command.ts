import crypto from 'node:crypto';
import fs from 'node:fs/promises';
import path from 'node:path';
import { gentleReminder } from '../../templates/gentle-reminder/definition.ts';
import type { Config } from '../config.ts';
import { toCsvLine } from '../to-csv-line.ts';
import { openServices } from '../open-services.ts';
import { formatDemoLinks } from './format-demo-links.ts';
import { renderCommand } from './render-command.ts';
import { serveCommand } from './serve-command.ts';

/**
 * `kindly demo` (`npm start`): writes the reference template's example records as a CRM-style
 * CSV, runs them as a real campaign on the embedded defaults, serves the result and prints the links.
 */
export async function demoCommand(options: { out: string; config: Config; log: (line: string) => void }) {
  const out = path.resolve(options.out);
  const template = gentleReminder;
  await fs.mkdir(out, { recursive: true });
  const records = path.join(out, 'records.csv');
  const lines = [toCsvLine(template.fields, { defuseFormulas: false })];
  for (const example of template.examples)
    lines.push(
      toCsvLine(
        template.fields.map((field) => String(example[field] ?? '')),
        { defuseFormulas: false },
      ),
    );
  await fs.writeFile(records, lines.join(''));
  options.log(`Demo records (${template.examples.length} debtors, ${template.locales.join(', ')}): ${records}`);

  const apiKey = options.config.apiKey ?? crypto.randomBytes(18).toString('base64url');
  const config = { ...options.config, apiKey };
  const baseUrl = `http://${options.config.host === '0.0.0.0' ? '127.0.0.1' : options.config.host}:${options.config.port}`;
  // One set of services renders the demo and serves it (one render kit in this process).
  const services = await openServices({ config, siteDir: path.join(out, 'site'), renders: 'here' });
  const app = await serveCommand({
    siteDir: path.join(out, 'site'),
    port: options.config.port,
    host: options.config.host,
    config,
    services,
    log: options.log,
  });
  const { campaign, files } = await renderCommand({
    args: { template: template.id, records, out, baseUrl },
    config,
    services,
    log: options.log,
  });
  options.log('\nPersonal links (open one; Pay now leads to the demo checkout):');
  for (const line of formatDemoLinks({ csv: await fs.readFile(files.links, 'utf8') })) options.log(line);
  options.log(
    `\nFunnel: npx kindly stats ${campaign.id}   or   curl -H 'Authorization: Bearer ${apiKey}' ${baseUrl}/api/campaigns/${campaign.id}/stats`,
  );
  options.log(`Console: ${baseUrl}/admin/ (sign in with the key above)`);
  options.log('Press Ctrl+C to stop.');
  return { app, campaign, files, apiKey };
}
