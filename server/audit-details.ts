import type { FastifyRequest } from 'fastify';

/** What a request's audit entry names instead of what its parameters say (see setAuditDetails). */
export type AuditDetails = { campaignId?: string; recordId?: string; detail?: string };
const details = new WeakMap<FastifyRequest, AuditDetails>();

/**
 * Sets what a request's audit entry names instead of what its parameters say: a new campaign's
 * id, or for an erasure the debtor's anonymous id, so the entry that it happened keeps nothing personal.
 * A route's `:recordId` is written only when its handler sets it here.
 */
export function setAuditDetails(request: FastifyRequest, set: AuditDetails): void {
  details.set(request, { ...details.get(request), ...set });
}

/** What the request's handler set for its audit entry. */
export const getAuditDetails = (request: FastifyRequest): AuditDetails | undefined => details.get(request);
