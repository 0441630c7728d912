import type { Queryable } from './db.ts';

/** Owed and paid in one currency, by one variant (`''` without an A/B test): amounts of different currencies never add up. */
export type CurrencyAmounts = { variant: string; currency: string; owed: number; paid: number };

/**
 * What a campaign's published recipients owe and have paid, per variant and currency. A debt is
 * in its record's currency; a payment in its own, or its recipient's when the payment named none.
 */
export async function getAmountsByCurrency(options: { db: Queryable; campaignId: string }): Promise<CurrencyAmounts[]> {
  const { rows } = await options.db.query<{
    variant: string;
    currency: string;
    owed: string | number;
    paid: string | number;
  }>(
    `with owed as (
       select coalesce(r.variant, '') as variant, coalesce(r.data ->> 'currency', 'EUR') as currency,
         sum(case when jsonb_typeof(r.data -> 'amount') = 'number' then (r.data ->> 'amount')::numeric end) as amount
       from recipients r where r.campaign_id = $1 and r.status = 'published' group by 1, 2
     ), paid as (
       select coalesce(r.variant, '') as variant, coalesce(p.currency, r.data ->> 'currency', 'EUR') as currency, sum(p.amount) as amount
       from payments p join recipients r on r.campaign_id = p.campaign_id and r.record_id = p.record_id and r.status = 'published'
       where p.campaign_id = $1 group by 1, 2
     )
     select coalesce(owed.variant, paid.variant) as variant, coalesce(owed.currency, paid.currency) as currency,
       coalesce(owed.amount, 0) as owed, coalesce(paid.amount, 0) as paid
     from owed full join paid on paid.variant = owed.variant and paid.currency = owed.currency
     order by 1, 2`,
    [options.campaignId],
  );
  return rows.map((row) => ({
    variant: row.variant,
    currency: row.currency,
    owed: Number(row.owed),
    paid: Number(row.paid),
  }));
}
