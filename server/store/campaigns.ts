import { NotFoundError } from '../errors.ts';
import type { Queryable } from './db.ts';

/** A campaign: one template, one records file, one pay URL. */
export type Campaign = {
  id: string;
  templateId: string;
  templateVersion: string;
  payUrl: string;
  baseUrl: string;
  status: 'ingesting' | 'rendering' | 'done';
  createdAt: string;
};

/** Where every record of a campaign stands; read = accepted + rejected, accepted = queued + rendering + published + failed. */
export type CampaignCounts = {
  read: number;
  accepted: number;
  rejected: number;
  queued: number;
  rendering: number;
  published: number;
  failed: number;
};

type CampaignRow = {
  id: string;
  template_id: string;
  template_version: string;
  pay_url: string;
  base_url: string;
  status: Campaign['status'];
  created_at: Date | string;
};

export async function createCampaign(options: { db: Queryable; campaign: Omit<Campaign, 'status' | 'createdAt'> }): Promise<void> {
  const { campaign } = options;
  await options.db.query(
    'insert into campaigns (id, template_id, template_version, pay_url, base_url) values ($1, $2, $3, $4, $5)',
    [campaign.id, campaign.templateId, campaign.templateVersion, campaign.payUrl, campaign.baseUrl],
  );
}

export async function findCampaign(options: { db: Queryable; id: string }): Promise<Campaign | undefined> {
  const { rows } = await options.db.query<CampaignRow>('select * from campaigns where id = $1', [options.id]);
  const row = rows[0];
  if (!row) return undefined;
  return {
    id: row.id,
    templateId: row.template_id,
    templateVersion: row.template_version,
    payUrl: row.pay_url,
    baseUrl: row.base_url,
    status: row.status,
    createdAt: new Date(row.created_at).toISOString(),
  };
}

export async function getCampaign(options: { db: Queryable; id: string }): Promise<Campaign> {
  const campaign = await findCampaign(options);
  if (!campaign) throw new NotFoundError({ problem: 'No campaign has this id', value: options.id, fix: 'List campaigns with `kindly campaigns`' });
  return campaign;
}

export async function listCampaigns(options: { db: Queryable }): Promise<Campaign[]> {
  const { rows } = await options.db.query<{ id: string }>('select id from campaigns order by created_at desc');
  return Promise.all(rows.map((row) => getCampaign({ db: options.db, id: row.id })));
}

export async function setCampaignStatus(options: { db: Queryable; id: string; status: Campaign['status'] }): Promise<void> {
  await options.db.query('update campaigns set status = $2 where id = $1', [options.id, options.status]);
}

/** Adds to the ingest counters (called per batch, so a crash mid-ingest leaves counts that match the rows stored). */
export async function addIngestCounts(options: { db: Queryable; id: string; accepted: number; rejected: number }): Promise<void> {
  await options.db.query(
    'update campaigns set read_count = read_count + $2 + $3, accepted_count = accepted_count + $2, rejected_count = rejected_count + $3 where id = $1',
    [options.id, options.accepted, options.rejected],
  );
}

export async function getCampaignCounts(options: { db: Queryable; id: string }): Promise<CampaignCounts> {
  const campaign = await options.db.query<{ read_count: number; accepted_count: number; rejected_count: number }>(
    'select read_count, accepted_count, rejected_count from campaigns where id = $1',
    [options.id],
  );
  const totals = campaign.rows[0];
  if (!totals) throw new NotFoundError({ problem: 'No campaign has this id', value: options.id, fix: 'List campaigns with `kindly campaigns`' });
  const { rows } = await options.db.query<{ status: string; count: string | number }>(
    'select status, count(*) as count from recipients where campaign_id = $1 group by status',
    [options.id],
  );
  const byStatus = Object.fromEntries(rows.map((row) => [row.status, Number(row.count)]));
  return {
    read: totals.read_count,
    accepted: totals.accepted_count,
    rejected: totals.rejected_count,
    queued: byStatus.queued ?? 0,
    rendering: byStatus.rendering ?? 0,
    published: byStatus.published ?? 0,
    failed: byStatus.failed ?? 0,
  };
}
