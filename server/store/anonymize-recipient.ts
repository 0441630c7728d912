import type { Db } from './db.ts';
import { announceErasedLink, announceErasedSegments } from './erased-links.ts';

/**
 * Replaces a recipient's record, and the creditor's id for them, by an anonymous one in one
 * transaction: their personal data goes, the campaign's counts and payments stay. On commit,
 * every process on the database hears that their link (`token`) and their segment cache keys
 * (`segmentKeys`) are gone.
 */
export async function anonymizeRecipient(options: {
  db: Db;
  campaignId: string;
  recordId: string;
  anonymousId: string;
  token: string;
  segmentKeys: readonly string[];
}): Promise<void> {
  const ids = [options.campaignId, options.recordId, options.anonymousId];
  await options.db.transaction(async (tx) => {
    // Visitor hashes and event details (survey answers, form choices) go with the person; counts and payments stay, anonymous.
    await tx.query(
      'update events set record_id = $3, visitor = null, detail = null where campaign_id = $1 and record_id = $2',
      ids,
    );
    await tx.query('update payments set record_id = $3 where campaign_id = $1 and record_id = $2', ids);
    // The audit log keeps that things happened to this debtor, under their anonymous id.
    await tx.query('update audit_entries set record_id = $3 where campaign_id = $1 and record_id = $2', ids);
    // Searches by record id name no campaign: the id they looked for goes too.
    await tx.query('update audit_entries set record_id = $2 where campaign_id is null and record_id = $1', [
      options.recordId,
      options.anonymousId,
    ]);
    // What the debtor wrote (phone, comments) is personal: it goes with the record.
    await tx.query('delete from responses where campaign_id = $1 and record_id = $2', [
      options.campaignId,
      options.recordId,
    ]);
    // A render on open of theirs, asked for or done, goes: it would publish their page again.
    await tx.query('delete from open_renders where token = $1', [options.token]);
    await tx.query(
      `update recipients set record_id = $3, data = null, url = null, error = null, erased_at = now(), updated_at = now()
       where campaign_id = $1 and record_id = $2`,
      ids,
    );
    await announceErasedLink({ db: tx, token: options.token });
    await announceErasedSegments({ db: tx, keys: options.segmentKeys });
  });
}
