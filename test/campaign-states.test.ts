import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { CampaignMoveError } from '../server/campaigns/campaign-move-error.ts';
import { campaignActions, campaignMoves, type CampaignAction } from '../server/campaigns/campaign-moves.ts';
import { controlCampaign, operatorActions, type OperatorAction } from '../server/campaigns/control-campaign.ts';
import { endCampaignUpload } from '../server/campaigns/end-campaign-upload.ts';
import { moveCampaign } from '../server/campaigns/move-campaign.ts';
import { resumeCampaigns } from '../server/campaigns/resume-campaigns.ts';
import { takeDownCampaign } from '../server/campaigns/take-down-campaign.ts';
import { makeRenderKit } from '../server/jobs/make-render-kit.ts';
import { openInProcessRunner, type InProcessRunner } from '../server/jobs/open-in-process-runner.ts';
import { openLocalPublisher } from '../server/publish/open-local-publisher.ts';
import type { Publisher } from '../server/publish/publisher.ts';
import { claimRecipient } from '../server/store/claim-recipient.ts';
import {
  addIngestCounts,
  campaignStatuses,
  createCampaign,
  getCampaign,
  type CampaignStatus,
} from '../server/store/campaigns.ts';
import type { Db } from '../server/store/db.ts';
import { makePayRef, makeToken } from '../server/store/make-token.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { findRecipient, insertRecipients, setRecipientState } from '../server/store/recipients.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

/** The moves as the product means them, status by action, written apart from the code's table ("-": refused). */
const grid = `
              upload     endUpload  emptyUpload  start      pause   resume     cancel     retry      finish  takeDown     rerender
  draft       ingesting  -          -            -          -       -          cancelled  -          -       unpublished  -
  ingesting   -          ready      draft        -          -       -          cancelled  -          -       unpublished  -
  ready       ingesting  -          -            rendering  -       -          cancelled  rendering  -       unpublished  -
  rendering   -          -          -            -          paused  -          cancelled  rendering  done    unpublished  -
  paused      -          -          -            -          -       rendering  cancelled  rendering  -       unpublished  -
  cancelled   -          -          -            -          -       -          -          -          -       unpublished  -
  done        -          -          -            rendering  -       -          -          rendering  -       unpublished  rendering
  unpublished -          -          -            -          -       -          -          -          -       unpublished  -
`;
const [header = [], ...rows] = grid
  .trim()
  .split('\n')
  .map((line) => line.trim().split(/\s+/));
const expectedMoves = Object.fromEntries(
  rows.map(([status = '', ...targets]) => [
    status,
    Object.fromEntries(targets.flatMap((target, index) => (target === '-' ? [] : [[header[index], target]]))),
  ]),
) as Record<CampaignStatus, Partial<Record<CampaignAction, CampaignStatus>>>;
const newRun: readonly CampaignAction[] = ['start', 'resume', 'retry', 'rerender'];

let temp: Awaited<ReturnType<typeof makeTempDir>>;
let db: Db;
let publisher: Publisher;
let runner: InProcessRunner;
let closeKit: () => Promise<void>;

beforeAll(async () => {
  temp = await makeTempDir('campaign-states');
  db = await openEmbeddedStore({ dataDir: temp.dir });
  publisher = openLocalPublisher({ root: path.join(temp.dir, 'site') });
  // The real runner of `kindly serve`; the campaigns below have nothing queued, so it never opens a browser.
  const kit = makeRenderKit({ publisher, dataDir: temp.dir, browserExecutable: undefined });
  runner = openInProcessRunner({ db, publisher, ...kit });
  closeKit = kit.close;
});

afterAll(async () => {
  await runner?.close();
  await closeKit?.();
  await db?.close();
  await temp?.remove();
});

/** A campaign in `status` with one accepted recipient that another process is rendering (so no run here renders or finishes it). */
async function makeCampaignIn(status: CampaignStatus, id: string, store: Db = db): Promise<string> {
  const db = store;
  await createCampaign({
    db,
    campaign: {
      id,
      templateId: 'gentle-reminder',
      templateVersion: '1.0.0',
      payUrl: 'https://pay.example.com/c',
      baseUrl: 'https://v.example.com',
      status,
    },
  });
  const recipient = {
    recordId: 'D1',
    row: 2,
    token: makeToken(),
    payRef: makePayRef(),
    locale: 'it-IT',
    data: { id: 'D1', locale: 'it-IT' },
  };
  await insertRecipients({ db, campaignId: id, recipients: [recipient] });
  await addIngestCounts({ db, id, accepted: 1, rejected: 0 });
  expect(await claimRecipient({ db, campaignId: id, recordId: 'D1', claimant: 'another-worker' })).toBe(true);
  return id;
}

/** Takes the action through the function each face calls for it. */
async function act(id: string, action: CampaignAction): Promise<unknown> {
  if ((operatorActions as readonly string[]).includes(action))
    return controlCampaign({ db, runner, id, action: action as OperatorAction });
  if (action === 'takeDown') return takeDownCampaign({ db, runner, publisher, id });
  return moveCampaign({ db, id, action });
}

describe('the campaign state machine', () => {
  it('has the moves the product means, one target per action', () => {
    expect(header).toEqual([...campaignActions]);
    expect(Object.keys(expectedMoves)).toEqual([...campaignStatuses]);
    expect(campaignMoves).toEqual(expectedMoves);
    for (const action of campaignActions) {
      const targets = new Set(campaignStatuses.map((status) => expectedMoves[status][action]).filter(Boolean));
      expect(targets.size, action).toBe(1);
    }
  });

  for (const status of campaignStatuses) {
    for (const action of campaignActions) {
      const target = expectedMoves[status][action];
      it(`${status} × ${action} → ${target ?? 'refused'}`, async () => {
        const id = await makeCampaignIn(status, `${status}-${action}`);
        const before = await getCampaign({ db, id });
        if (target === undefined) {
          const error = await act(id, action).then(
            () => undefined,
            (thrown: unknown) => thrown,
          );
          expect(error).toBeInstanceOf(CampaignMoveError);
          expect(error).toMatchObject({
            status,
            action,
            campaignId: id,
            statusCode: 409,
            problem:
              action === 'upload'
                ? `Records can only be added to a draft or ready campaign; this one is ${status}`
                : action === 'rerender'
                  ? `One recipient can be rendered again only in a done campaign; this one is ${status}`
                  : `A campaign that is ${status} cannot ${action}`,
          });
          expect((error as CampaignMoveError).fix).toMatch(new RegExp(`^${action} works on campaigns that are \\w+`));
          expect(await getCampaign({ db, id })).toMatchObject({ status, run: before.run });
          return;
        }
        await act(id, action);
        expect(await getCampaign({ db, id })).toMatchObject({
          status: target,
          run: before.run + (newRun.includes(action) ? 1 : 0),
        });
      });
    }
  }

  it('ends an upload ready with an accepted recipient, a draft without, and leaves a campaign cancelled meanwhile as it is', async () => {
    const withRecords = await makeCampaignIn('ingesting', 'upload-with-records');
    expect(await endCampaignUpload({ db, id: withRecords })).toBe(true);
    expect((await getCampaign({ db, id: withRecords })).status).toBe('ready');
    await createCampaign({
      db,
      campaign: {
        id: 'empty-upload',
        templateId: 'gentle-reminder',
        templateVersion: '1.0.0',
        payUrl: 'https://pay.example.com/c',
        baseUrl: 'https://v.example.com',
        status: 'ingesting',
      },
    });
    expect(await endCampaignUpload({ db, id: 'empty-upload' })).toBe(true);
    expect((await getCampaign({ db, id: 'empty-upload' })).status).toBe('draft');
    const cancelled = await makeCampaignIn('cancelled', 'upload-cancelled');
    expect(await endCampaignUpload({ db, id: cancelled })).toBe(false);
    expect((await getCampaign({ db, id: cancelled })).status).toBe('cancelled');
  });

  it('refuses to start a campaign without an accepted recipient, and names an unknown campaign', async () => {
    await createCampaign({
      db,
      campaign: {
        id: 'no-records',
        templateId: 'gentle-reminder',
        templateVersion: '1.0.0',
        payUrl: 'https://pay.example.com/c',
        baseUrl: 'https://v.example.com',
        status: 'ready',
      },
    });
    await expect(controlCampaign({ db, runner, id: 'no-records', action: 'start' })).rejects.toThrow(
      'The campaign has no accepted recipient to render',
    );
    expect((await getCampaign({ db, id: 'no-records' })).status).toBe('ready');
    await expect(moveCampaign({ db, id: 'nobody', action: 'cancel' })).rejects.toMatchObject({
      statusCode: 404,
      problem: 'No campaign has this id',
    });
  });

  it('changes no recipient when a retry is refused: a failure of a cancelled campaign stays failed', async () => {
    const id = await makeCampaignIn('cancelled', 'refused-retry');
    const recipient = (await findRecipient({ db, campaignId: id, recordId: 'D1' }))!;
    await setRecipientState({
      db,
      token: recipient.token,
      state: { status: 'failed', error: 'boom', retryable: true },
    });
    await expect(controlCampaign({ db, runner, id, action: 'retry' })).rejects.toBeInstanceOf(CampaignMoveError);
    expect((await findRecipient({ db, campaignId: id, recordId: 'D1' }))?.state.status).toBe('failed');
  });

  it('queues again, at start, the renders a stopped process left in a paused campaign, which stays paused', async () => {
    // A store of its own: resuming here must not start the rendering campaigns the cases above left.
    const restarted = await openEmbeddedStore({ dataDir: path.join(temp.dir, 'restarted') });
    const kit = makeRenderKit({ publisher, dataDir: temp.dir, browserExecutable: undefined });
    const restartedRunner = openInProcessRunner({ db: restarted, publisher, ...kit });
    try {
      const id = await makeCampaignIn('paused', 'paused-at-restart', restarted);
      const stateOf = async () =>
        (await findRecipient({ db: restarted, campaignId: id, recordId: 'D1' }))?.state.status;
      expect(await stateOf()).toBe('rendering');
      expect(await resumeCampaigns({ db: restarted, runner: restartedRunner })).toEqual([]);
      expect(await stateOf()).toBe('queued');
      expect((await getCampaign({ db: restarted, id })).status).toBe('paused');
    } finally {
      await restartedRunner.close();
      await kit.close();
      await restarted.close();
    }
  });
});
