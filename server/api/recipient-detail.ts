import { z } from 'zod';
import { NotFoundError } from '../errors.ts';
import { makeRecipientUrl } from '../publish/publish-recipient.ts';
import { getCampaign } from '../store/campaigns.ts';
import type { Db } from '../store/db.ts';
import { listRecipientPayments } from '../store/payments.ts';
import { findTrackedRecipient } from '../store/recipient-deliveries.ts';
import { listRecipientEvents } from '../store/recipient-timeline.ts';
import { findRecipient } from '../store/recipients.ts';
import { listHolds, listRecipientResponses } from '../store/responses.ts';

const timelineEvent = z.object({ type: z.string(), at: z.string(), flagged: z.string().nullable() });

/** One recipient as an operator on the phone with them sees it: `GET /api/campaigns/:id/recipients/:recordId`. */
export const recipientDetail = z.object({
  campaignId: z.string(),
  campaignStatus: z.string(),
  recordId: z.string(),
  /** The row of the records file the recipient came from. */
  row: z.number(),
  locale: z.string(),
  status: z.enum(['queued', 'rendering', 'published', 'failed']),
  /** Why the last render failed, and whether rendering again may help. */
  error: z.string().nullable(),
  retryable: z.boolean().nullable(),
  attempts: z.number(),
  optedOut: z.boolean(),
  /** When the sender reported the link delivered (clicks soon after it, without a view, are not counted). */
  deliveredAt: z.string().nullable(),
  /** The personal link (live once published). */
  link: z.string(),
  /** Why no reminder is sent (`paid_claim`, `dispute`): a claim or dispute whose hold no operator released. */
  hold: z.array(z.enum(['paid_claim', 'dispute'])),
  /** Events as they happened: counted ones, and those stored flagged (scanner, head, too_soon, ...) and not counted. */
  timeline: z.object({ counted: z.array(timelineEvent), flagged: z.array(timelineEvent), more: z.boolean() }),
  responses: z.array(
    z.object({
      id: z.number(),
      kind: z.string(),
      data: z.record(z.string(), z.unknown()),
      createdAt: z.string(),
      status: z.string(),
      holdReleasedAt: z.string().nullable(),
    }),
  ),
  payments: z.array(
    z.object({
      paymentId: z.string(),
      amount: z.number(),
      currency: z.string().nullable(),
      paidAt: z.string(),
      source: z.string(),
    }),
  ),
});
export type RecipientDetail = z.infer<typeof recipientDetail>;

/** The most events, responses and payments one answer carries (the latest ones). */
const limits = { events: 500, responses: 100, payments: 100 };

/** A recipient's state, link, timeline, responses, payments and hold; a NotFoundError for an unknown or erased one. */
export async function getRecipientDetail(options: {
  db: Db;
  campaignId: string;
  recordId: string;
}): Promise<RecipientDetail> {
  const { db } = options;
  const campaign = await getCampaign({ db, id: options.campaignId });
  const recipient = await findRecipient({ db, campaignId: campaign.id, recordId: options.recordId });
  if (!recipient || recipient.erased) {
    throw new NotFoundError({
      problem: 'This campaign has no recipient with this id',
      value: options.recordId,
      fix: 'Search by the id column of links.csv; an erased recipient is not found',
    });
  }
  const where = { db, campaignId: campaign.id, recordId: recipient.recordId };
  const [tracked, timeline, responses, payments, holds] = await Promise.all([
    findTrackedRecipient({ db, token: recipient.token }),
    listRecipientEvents({ ...where, limit: limits.events }),
    listRecipientResponses({ ...where, limit: limits.responses }),
    listRecipientPayments({ ...where, limit: limits.payments }),
    listHolds(where),
  ]);
  const { state } = recipient;
  return {
    campaignId: campaign.id,
    campaignStatus: campaign.status,
    recordId: recipient.recordId,
    row: recipient.row,
    locale: recipient.locale,
    status: state.status,
    error: state.status === 'failed' ? state.error : null,
    retryable: state.status === 'failed' ? state.retryable : null,
    attempts: recipient.attempts,
    optedOut: recipient.optedOut,
    deliveredAt: tracked?.deliveredAt?.toISOString() ?? null,
    link: makeRecipientUrl({ baseUrl: campaign.baseUrl, token: recipient.token }),
    hold: holds.get(recipient.recordId) ?? [],
    timeline: {
      counted: timeline.events.filter((event) => event.flagged === null),
      flagged: timeline.events.filter((event) => event.flagged !== null),
      more: timeline.more,
    },
    responses: responses.map((response) => ({
      id: response.id,
      kind: response.kind,
      data: response.data,
      createdAt: response.createdAt,
      status: response.status,
      holdReleasedAt: response.holdReleasedAt,
    })),
    payments: payments.map((payment) => ({ ...payment, currency: payment.currency ?? null })),
  };
}
