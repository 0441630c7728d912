import { expireCampaign, listCampaignsToExpire } from '../store/campaign-retention.ts';
import { deleteAuditEntriesBefore } from '../store/audit-entries.ts';
import type { Db } from '../store/db.ts';
import { deleteOldSalts } from '../store/visitor-salts.ts';
import { getAnalytics } from './get-analytics.ts';

/**
 * Applies each campaign's retention period: once `retention_days` have passed since it was
 * created, its analytics are kept as aggregates on the campaign and its personal event data
 * (events with record ids and visitor hashes, payments per debtor) is deleted. Old visitor
 * salts go too, and with `auditRetentionDays` the audit log entries older than that. Returns the
 * campaigns expired now.
 */
export async function expireEventData(options: {
  db: Db;
  now?: Date;
  auditRetentionDays?: number;
  /** Where a failed audit retention is logged; without it, the failure is thrown (after the campaigns expired). */
  log?: { warn: (details: { err: unknown }, message: string) => void };
}): Promise<string[]> {
  const { db } = options;
  const now = options.now ?? new Date();
  await deleteOldSalts({ db, now });
  const expired = await listCampaignsToExpire({ db, now });
  for (const campaignId of expired) {
    const analytics = await getAnalytics({ db, campaignId });
    await expireCampaign({ db, campaignId, aggregates: analytics, now });
  }
  // Last, on its own: a failing audit retention never keeps campaigns' personal data.
  if (options.auditRetentionDays) {
    const before = new Date(now.getTime() - options.auditRetentionDays * 86_400_000);
    await deleteAuditEntriesBefore({ db, before }).catch((error: unknown) => {
      if (!options.log) throw error;
      options.log.warn({ err: error }, 'deleting old audit entries failed');
    });
  }
  return expired;
}
