import { Command, Option } from 'commander';
import { loadConfig, type Config } from '../config.ts';
import { KindlyError } from '../errors.ts';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { openServices } from '../open-services.ts';
import { deliveryCommand } from './delivery-command.ts';
import { demoCommand } from './demo-command.ts';
import { createKeyCommand, listKeysCommand, revokeKeyCommand } from './keys-command.ts';
import { disableUserCommand, listUsersCommand } from './users-command.ts';
import { roles, type Role } from '../roles.ts';
import { workerCommand } from './worker-command.ts';
import { renderCommand, type RenderCommandOptions } from './render-command.ts';
import { retryCommand } from './retry-command.ts';
import { serveCommand } from './serve-command.ts';
import { siteDirOf } from './site-dir-of.ts';
import { statsCommand } from './stats-command.ts';
import { templateCheckCommand } from './template-check-command.ts';
import { templateNewCommand } from './template-new-command.ts';
import { withCampaignStore } from './with-campaign-store.ts';
import { withStore } from './with-store.ts';

const log = (line: string) => process.stdout.write(`${line}\n`);
const projectRoot = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');

const note = (line: string) => process.stderr.write(`${line}\n`);

function makeProgram(config: Config): Command {
  const program = new Command('kindly')
    .description('Personal videos and microsites for soft debt collection')
    .showHelpAfterError();
  const defaultBase = config.publicBaseUrl ?? `http://127.0.0.1:${config.port}`;

  program
    .command('render')
    .description(
      'Ingest a records file, render and publish every valid record, write links.csv, rejects.csv and campaign.json',
    )
    .requiredOption('--template <id>', 'template id, e.g. gentle-reminder')
    .requiredOption('--records <file>', 'CSV, JSON array or NDJSON records file')
    .requiredOption('--out <dir>', 'output folder: site/ (the CDN origin) and the operator files')
    .option('--base-url <url>', 'public address the site is served from', defaultBase)
    .option('--pay-url <url>', 'the payment page Pay now leads to (default: the demo checkout)')
    .option('--map <pairs>', 'column mapping, e.g. "name=Full Name,amount=Balance"')
    .option('--map-file <file>', 'column mapping as JSON {"field": "Column"}')
    .option('--campaign <id>', 'campaign id (default: template and time)')
    .option('--brand <file>', 'brand kit JSON: senderName, colors, font, logo (SVG/PNG path), payProviderLabel')
    .option('--tone <tone>', "the copy's tone for records without a tone column, e.g. empathetic or neutral")
    .option(
      '--playback <mode>',
      "rendered (MP4), live (the player in the page, no MP4) or both (default: the template's)",
    )
    .option(
      '--video <delivery>',
      "mp4 (one file per recipient) or hls (a playlist of shared segments and the recipient's own)",
    )
    .option(
      '--template-version <label>',
      'a template version saved in the studio, e.g. 1.0.0+2 (default: the built-in copy)',
    )
    .option(
      '--render <mode>',
      'eager (every video rendered before sending; the default) or on-open (pages go out live, each video rendered when its page is first opened: needs kindly serve running)',
    )
    .option(
      '--neutral-thumbnail',
      "e-mail thumbnails show nothing personal: one neutral animated picture per locale, not each debtor's video",
    )
    .action(async (args: RenderCommandOptions) => {
      const services = await openServices({ config, siteDir: siteDirOf(path.resolve(args.out)), renders: 'here' });
      try {
        await renderCommand({ args, config, services, log });
      } finally {
        await services.close();
      }
    });

  program
    .command('retry <campaign>')
    .description('Render again the failed recipients of a campaign and rewrite its files')
    .requiredOption('--out <dir>', 'the campaign output folder')
    .action((campaign: string, args: { out: string }) =>
      withCampaignStore({
        config,
        note,
        rendersTo: siteDirOf(path.resolve(args.out)),
        work: (store) => retryCommand({ campaignId: campaign, out: args.out, config, store, log }),
      }).then(() => undefined),
    );

  program
    .command('serve')
    .description('Serve a campaign folder (the local CDN), the tracking endpoints and the admin API')
    .option('--out <dir>', 'the folder given to kindly render --out', 'out')
    .addOption(new Option('--port <port>', 'port').argParser(Number).default(config.port))
    .option('--host <host>', 'address to listen on', config.host)
    .action(async (args: { out: string; port: number; host: string }) => {
      const siteDir = path.resolve(args.out, 'site');
      const services = await openServices({ config, siteDir });
      await serveCommand({ siteDir, port: args.port, host: args.host, config, services, log });
    });

  program
    .command('worker')
    .description(
      'Render jobs from the Redis queue (needs REDIS_URL and DATABASE_URL); SIGTERM finishes running renders first',
    )
    .addOption(
      new Option('--concurrency <n>', 'recipients rendered at once')
        .argParser(Number)
        .default(config.workerConcurrency),
    )
    .option('--out <dir>', 'local site folder, when no S3 bucket is configured', 'out')
    .action((args: { concurrency: number; out: string }) =>
      workerCommand({ config, concurrency: args.concurrency, out: args.out }),
    );

  const keys = program.command('keys').description("Users' API keys (stored hashed) and their roles");
  keys
    .command('create')
    .description('A new key for a user, made with this role when new')
    .requiredOption('--name <name>', 'the user the key is for')
    .addOption(new Option('--role <role>', "the user's role").choices(roles).makeOptionMandatory())
    .action((args: { name: string; role: Role }) =>
      withStore(config, (db) => createKeyCommand({ db, name: args.name, role: args.role, log })),
    );
  keys.command('revoke <id>').action((id: string) => withStore(config, (db) => revokeKeyCommand({ db, id, log })));
  keys
    .command('list')
    .description('Every key with its user, role, created, last used and revoked; never the key')
    .option('--json', 'print JSON')
    .action((args: { json?: boolean }) =>
      withStore(config, (db) => listKeysCommand({ db, json: args.json ?? false, log })),
    );

  const users = program.command('users').description('The users keys belong to, one role each');
  users.command('list').action(() => withStore(config, (db) => listUsersCommand({ db, log })));
  users
    .command('disable <name>')
    .description("Refuse all of the user's keys from now on")
    .action((name: string) => withStore(config, (db) => disableUserCommand({ db, name, log })));

  program
    .command('stats <campaign>')
    .description('Print a campaign counts and funnel')
    .option('--json', 'print JSON')
    .action((campaign: string, args: { json?: boolean }) =>
      withCampaignStore({
        config,
        note,
        work: (store) => statsCommand({ campaignId: campaign, json: Boolean(args.json), store, log }),
      }).then(() => undefined),
    );

  program
    .command('delivery <campaign>')
    .description(
      'Write the delivery kit for the e-mail/SMS sender: per recipient the links, e-mail HTML, SMS and send window',
    )
    .option('--format <format>', 'csv or json', 'csv')
    .requiredOption('--out <file>', 'the file to write')
    .action((campaign: string, args: { format: string; out: string }) =>
      withCampaignStore({
        config,
        note,
        work: (store) => deliveryCommand({ campaignId: campaign, format: args.format, out: args.out, store, log }),
      }).then(() => undefined),
    );

  const template = program.command('template').description('Check templates, or start a new one from an existing one');
  template
    .command('check [ids...]')
    .description(
      'Check templates (all when none named): timeline, examples, copy in every locale, glyphs, text fit in Chromium, licences',
    )
    .option('--no-fit', 'skip the text-fit check in Chromium')
    .action((ids: string[], args: { fit: boolean }) => templateCheckCommand({ ids, fit: args.fit, config, log }));
  template
    .command('new <id>')
    .description('Start a template from an existing one: copies its folders under the new id and registers it')
    .requiredOption('--from <template>', 'the template to start from, e.g. gentle-reminder')
    .option('--root <dir>', 'the project folder', projectRoot)
    .action((id: string, args: { from: string; root: string }) =>
      templateNewCommand({ id, from: args.from, root: path.resolve(args.root), log }).then(() => undefined),
    );

  program
    .command('demo')
    .description('Render the demo campaign from the example records, serve it and print the links')
    .option('--out <dir>', 'output folder', 'demo-out')
    .action(async (args: { out: string }) => {
      await demoCommand({ out: args.out, config, log });
    });

  return program;
}

/** Runs the CLI; unusable input ends with a clear message and exit code 1. */
export async function main(argv: string[]): Promise<void> {
  try {
    const config = loadConfig();
    await makeProgram(config).parseAsync(argv);
  } catch (error) {
    if (error instanceof KindlyError) process.stderr.write(`kindly: ${error.message}\n`);
    else
      process.stderr.write(
        `kindly: unexpected failure: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
      );
    process.exitCode = 1;
  }
}
