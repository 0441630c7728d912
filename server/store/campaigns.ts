import type { BrandKit } from '../../templates/brand/brand-kit.ts';
import type { PlanRulesOverride } from '../../templates/interactive/plan-rules.ts';
import type { PlaybackMode, VideoDelivery } from '../../templates/template-definition.ts';
import type { RenderMode } from '../campaign-options.ts';
import { NotFoundError } from '../errors.ts';
import type { Queryable } from './db.ts';

/** A campaign: one template, one records file, one pay URL. */
export type Campaign = {
  id: string;
  templateId: string;
  templateVersion: string;
  payUrl: string;
  baseUrl: string;
  /** Where pages send events and clicks; the base URL when one server does both. */
  trackUrl: string;
  status: CampaignStatus;
  defaultLocale: string | undefined;
  /** The plan rules it was created with: its template's, with the fields the campaign changed (getPlanRules lays them over the template's). */
  planRules: PlanRulesOverride;
  /** How recipients watch; undefined means the template's default. */
  playback: PlaybackMode | undefined;
  /** How the video is delivered; undefined means `mp4`. */
  videoDelivery: VideoDelivery | undefined;
  startsAt: string | undefined;
  endsAt: string | undefined;
  /** The record field a visitor confirms before the page shows personal data; none: no gate. */
  privacyGate: PrivacyGate | undefined;
  /** Bumped each time the campaign is (re)started, so jobs of a new run are new jobs. */
  run: number;
  createdAt: string;
  /** Logo, colours, font, sender name and pay provider label for the video and the page; the template's own look without one. */
  brand: BrandKit | undefined;
  /** The tone of the copy, for records without a `tone` of their own; the template's default without one. */
  tone: string | undefined;
  /** E-mail thumbnails show nothing personal (one per locale, not each debtor's video); always so with a privacy gate. */
  neutralThumbnail: boolean;
  /** When recipients' videos are rendered: all before sending (`eager`), or each at their page's first counted view (`on-open`). */
  renderMode: RenderMode;
};

export const campaignStatuses = [
  'draft',
  'ingesting',
  'ready',
  'rendering',
  'paused',
  'cancelled',
  'done',
  'unpublished',
] as const;
export type CampaignStatus = (typeof campaignStatuses)[number];

/** Campaigns whose pages must not go (back) online: a page that lands after the take-down is removed again. */
export const takenDownStatuses: readonly CampaignStatus[] = ['cancelled', 'unpublished'];

/** Campaigns whose render jobs do not run (their jobs end skipped; resume starts a new run). */
export const haltedStatuses: readonly CampaignStatus[] = ['paused', ...takenDownStatuses];

/** A privacy gate: which field of the record the visitor types in (e.g. `postcode`). */
export type PrivacyGate = { field: string };

export type NewCampaign = Pick<Campaign, 'id' | 'templateId' | 'templateVersion' | 'payUrl' | 'baseUrl'> &
  Partial<
    Pick<
      Campaign,
      | 'trackUrl'
      | 'defaultLocale'
      | 'planRules'
      | 'playback'
      | 'videoDelivery'
      | 'startsAt'
      | 'endsAt'
      | 'status'
      | 'brand'
      | 'tone'
      | 'privacyGate'
      | 'neutralThumbnail'
      | 'renderMode'
    >
  >;

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
  track_url: string | null;
  status: CampaignStatus;
  default_locale: string | null;
  plan_rules: PlanRulesOverride | null;
  playback: PlaybackMode | null;
  video_delivery: VideoDelivery | null;
  starts_at: Date | string | null;
  ends_at: Date | string | null;
  run: number;
  created_at: Date | string;
  brand: BrandKit | null;
  tone: string | null;
  privacy_gate: PrivacyGate | null;
  neutral_thumbnail: boolean | null;
  render_mode: RenderMode | null;
};

const toDate = (value: Date | string | null) =>
  value === null ? undefined : typeof value === 'string' ? value.slice(0, 10) : value.toISOString().slice(0, 10);

export async function createCampaign(options: { db: Queryable; campaign: NewCampaign }): Promise<void> {
  const { campaign } = options;
  await options.db.query(
    `insert into campaigns (id, template_id, template_version, pay_url, base_url, status, default_locale, plan_rules, starts_at, ends_at, track_url, brand, tone, playback, privacy_gate, neutral_thumbnail, render_mode, video_delivery)
     values ($1, $2, $3, $4, $5, $6, $7, $8::jsonb, $9, $10, $11, $12::jsonb, $13, $14, $15::jsonb, $16, $17, $18)`,
    [
      campaign.id,
      campaign.templateId,
      campaign.templateVersion,
      campaign.payUrl,
      campaign.baseUrl,
      campaign.status ?? 'draft',
      campaign.defaultLocale ?? null,
      JSON.stringify(campaign.planRules ?? {}),
      campaign.startsAt ?? null,
      campaign.endsAt ?? null,
      campaign.trackUrl ?? null,
      campaign.brand ? JSON.stringify(campaign.brand) : null,
      campaign.tone ?? null,
      campaign.playback ?? null,
      campaign.privacyGate ? JSON.stringify(campaign.privacyGate) : null,
      campaign.neutralThumbnail ?? false,
      // Eager is stored as null, as every campaign made before the option was.
      campaign.renderMode === 'on-open' ? 'on-open' : null,
      campaign.videoDelivery ?? null,
    ],
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
    trackUrl: row.track_url ?? row.base_url,
    status: row.status,
    defaultLocale: row.default_locale ?? undefined,
    planRules: row.plan_rules ?? {},
    playback: row.playback ?? undefined,
    videoDelivery: row.video_delivery ?? undefined,
    startsAt: toDate(row.starts_at),
    endsAt: toDate(row.ends_at),
    privacyGate: row.privacy_gate ?? undefined,
    run: row.run,
    createdAt: new Date(row.created_at).toISOString(),
    brand: row.brand ?? undefined,
    tone: row.tone ?? undefined,
    neutralThumbnail: row.neutral_thumbnail ?? false,
    renderMode: row.render_mode ?? 'eager',
  };
}

const noSuchCampaign = (id: string) =>
  new NotFoundError({ problem: 'No campaign has this id', value: id, fix: 'List campaigns with GET /api/campaigns' });

export async function getCampaign(options: { db: Queryable; id: string }): Promise<Campaign> {
  const campaign = await findCampaign(options);
  if (!campaign) throw noSuchCampaign(options.id);
  return campaign;
}

export async function listCampaigns(options: { db: Queryable }): Promise<Campaign[]> {
  const { rows } = await options.db.query<{ id: string }>(
    'select id from campaigns order by created_at desc limit 500',
  );
  return Promise.all(rows.map((row) => getCampaign({ db: options.db, id: row.id })));
}

/**
 * Starts a new run, atomically, if the campaign is in one of `from`: jobs enqueued from now on
 * carry the new run number. Returns the new run, or undefined when the campaign was in no state of `from`.
 */
export async function bumpCampaignRun(options: {
  db: Queryable;
  id: string;
  from: readonly CampaignStatus[];
  to: CampaignStatus;
}): Promise<number | undefined> {
  const { rows } = await options.db.query<{ run: number }>(
    'update campaigns set run = run + 1, status = $3 where id = $1 and status = any($2) returning run',
    [options.id, options.from, options.to],
  );
  return rows[0]?.run;
}

/** The ids of the campaigns in one of these states. */
export async function listCampaignIds(options: {
  db: Queryable;
  statuses: readonly CampaignStatus[];
}): Promise<string[]> {
  const { rows } = await options.db.query<{ id: string }>(
    'select id from campaigns where status = any($1) order by created_at',
    [options.statuses],
  );
  return rows.map((row) => row.id);
}

export async function setCampaignStatus(options: { db: Queryable; id: string; status: CampaignStatus }): Promise<void> {
  await options.db.query('update campaigns set status = $2 where id = $1', [options.id, options.status]);
}

/** Moves a campaign to `to` only if it is in one of `from`, atomically; says whether it did. */
export async function moveCampaignStatus(options: {
  db: Queryable;
  id: string;
  from: readonly CampaignStatus[];
  to: CampaignStatus;
}): Promise<boolean> {
  const { rows } = await options.db.query(
    'update campaigns set status = $3 where id = $1 and status = any($2) returning id',
    [options.id, options.from, options.to],
  );
  return rows.length === 1;
}

/** Adds to the ingest counters (called per batch, so a crash mid-ingest leaves counts that match the rows stored). */
export async function addIngestCounts(options: {
  db: Queryable;
  id: string;
  accepted: number;
  rejected: number;
}): Promise<void> {
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
  if (!totals) throw noSuchCampaign(options.id);
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

/** Marks a rendering campaign done once none of its recipients is queued or rendering. */
export async function finishCampaignIfDone(options: { db: Queryable; id: string }): Promise<boolean> {
  const { rows } = await options.db.query<{ id: string }>(
    `update campaigns set status = 'done' where id = $1 and status = 'rendering'
       and not exists (select 1 from recipients where campaign_id = $1 and status in ('queued', 'rendering') and erased_at is null)
     returning id`,
    [options.id],
  );
  return rows.length === 1;
}

/** Values for a campaign's blank record cells: its default locale and tone (a record's own column wins). */
export function campaignDefaults(campaign: Pick<Campaign, 'defaultLocale' | 'tone'>): Record<string, string> {
  return {
    ...(campaign.defaultLocale ? { locale: campaign.defaultLocale } : {}),
    ...(campaign.tone ? { tone: campaign.tone } : {}),
  };
}
