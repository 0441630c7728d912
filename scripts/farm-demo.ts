// npm run farm:demo — the render farm on this machine, for people to watch it work: a fresh
// PostgreSQL database, the local Redis (own queue prefix), a local S3-protocol server, one
// `kindly serve` and two `kindly worker`s, each a real process, running a 20-debtor campaign.
import { makeProgressBar } from '../server/cli/progress-bar.ts';
import { startLocalFarm } from './local-farm.ts';

const recipients = Number(process.argv.find((arg) => arg.startsWith('--recipients='))?.split('=')[1] ?? 20);

const farm = await startLocalFarm({ name: 'farm-demo' });
process.once('SIGINT', () => void farm.stop().then(() => process.exit(0)));
farm.start({ name: 'worker-1', args: ['worker'] });
farm.start({ name: 'worker-2', args: ['worker'] });
const campaignId = await farm.startCampaign({ recipients });
console.log(
  `Campaign ${campaignId}: API ${farm.api}, docs ${farm.api}/docs, queue board ${farm.api}/admin/queues (Bearer ${farm.apiKey})`,
);

const bar = makeProgressBar({ label: 'Farm', total: recipients });
for (;;) {
  const { status, progress } = (await farm.call('GET', `/api/campaigns/${campaignId}`)) as {
    status: string;
    progress: { published: number; failed: number; rendering: number };
  };
  bar.update(progress.published + progress.failed, `rendering ${progress.rendering}, failed ${progress.failed}`);
  if (status === 'done') break;
  await new Promise((resolve) => setTimeout(resolve, 2000));
}
bar.finish();
console.log(await farm.call('GET', `/api/campaigns/${campaignId}/links.csv`));
console.log(
  'Pages are in the S3 bucket. This local S3 server does not serve folder URLs as a CDN does: add index.html to open one.',
);
console.log('Press Ctrl+C to stop everything and clean up.');
