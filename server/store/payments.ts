import type { Queryable } from './db.ts';

/** A payment a debtor made, reported by the payment provider's webhook or imported from a CSV. */
export type Payment = {
  paymentId: string;
  recordId: string;
  amount: number;
  currency?: string;
  paidAt: string;
  source: 'webhook' | 'import';
};

/** Stores payments once each: returns the ids newly stored (an id seen before is left as it was). */
export async function insertPayments(options: {
  db: Queryable;
  campaignId: string;
  payments: readonly Payment[];
}): Promise<Set<string>> {
  if (options.payments.length === 0) return new Set();
  const params: unknown[] = [];
  const values = options.payments.map((payment, index) => {
    params.push(
      options.campaignId,
      payment.paymentId,
      payment.recordId,
      payment.amount,
      payment.currency ?? null,
      payment.paidAt,
      payment.source,
    );
    const at = index * 7;
    return `($${at + 1}, $${at + 2}, $${at + 3}, $${at + 4}, $${at + 5}, $${at + 6}::timestamptz, $${at + 7})`;
  });
  const { rows } = await options.db.query<{ payment_id: string }>(
    `insert into payments (campaign_id, payment_id, record_id, amount, currency, paid_at, source) values ${values.join(', ')}
     on conflict (campaign_id, payment_id) do nothing returning payment_id`,
    params,
  );
  return new Set(rows.map((row) => row.payment_id));
}

/** Deletes every payment of a campaign. */
export async function deletePayments(options: { db: Queryable; campaignId: string }): Promise<void> {
  await options.db.query('delete from payments where campaign_id = $1', [options.campaignId]);
}

/** One recipient's payments, newest first, at most `limit`. */
export async function listRecipientPayments(options: {
  db: Queryable;
  campaignId: string;
  recordId: string;
  limit: number;
}): Promise<Payment[]> {
  const { rows } = await options.db.query<{
    payment_id: string;
    record_id: string;
    amount: string | number;
    currency: string | null;
    paid_at: Date | string;
    source: Payment['source'];
  }>(
    `select payment_id, record_id, amount, currency, paid_at, source from payments
     where campaign_id = $1 and record_id = $2 order by paid_at desc, payment_id limit $3`,
    [options.campaignId, options.recordId, options.limit],
  );
  return rows.map((row) => ({
    paymentId: row.payment_id,
    recordId: row.record_id,
    amount: Number(row.amount),
    ...(row.currency === null ? {} : { currency: row.currency }),
    paidAt: new Date(row.paid_at).toISOString(),
    source: row.source,
  }));
}
