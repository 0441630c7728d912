import type { FastifyReply, FastifyRequest } from 'fastify';
import {
  appendAuditEntry,
  appendAuditEntryUnlessRecent,
  outcomeOfStatus,
  type NewAuditEntry,
} from '../store/audit-entries.ts';
import type { Queryable } from '../store/db.ts';
import { findCaller } from './require-api-key.ts';
import { getAuditDetails } from '../audit-details.ts';

const paramOf = (request: FastifyRequest, name: string): string | null => {
  const value = (request.params as Record<string, unknown> | undefined)?.[name];
  return typeof value === 'string' ? value : null;
};

/**
 * An onSend hook appending the request to the audit log when its route declares `config.audit`:
 * who (user, key, role), what (action, method, route pattern, campaign, record id), from where
 * (the address fastify sees, proxy-aware) and the outcome (status). Written before the answer
 * leaves, so whoever got an answer can read its entry; requests without a valid key are not
 * written (anyone could fill the log with them). A read declared `auditRepeatedRead` is written
 * once per key, action, campaign and outcome in 10 minutes. A failed write is logged, never the request's failure.
 */
export function recordAuditEntry(options: { db: Queryable }) {
  return async (request: FastifyRequest, reply: FastifyReply, payload: unknown) => {
    const declared = request.routeOptions.config.audit;
    const caller = findCaller(request);
    if (!declared || !caller) return payload;
    const route = request.routeOptions.url ?? null;
    const set = getAuditDetails(request) ?? {};
    const onCampaign = route?.startsWith('/api/campaigns/:id') ?? false;
    // A record id is written only as the handler sets it (see setAuditDetails): a call refused or
    // rejected before it ran names none, so an erased debtor's id is not written again.
    const withheld = onCampaign && paramOf(request, 'recordId') !== null && set.recordId === undefined;
    // Other parameters (a template's id) are not personal: they go in the detail.
    const others = Object.entries((request.params as Record<string, unknown> | undefined) ?? {})
      .filter(([name]) => !onCampaign || (name !== 'id' && name !== 'recordId'))
      .map(([name, value]) => `${name}=${String(value)}`);
    // A parameter names the action only when it succeeded: a refused or failed call keeps the
    // declared name, so a bad value cannot make up an action.
    const action =
      reply.statusCode < 400
        ? declared.replace(/:(\w+)/g, (_match, name: string) => paramOf(request, name) ?? name)
        : declared;
    try {
      const append = request.routeOptions.config.auditRepeatedRead
        ? (entry: NewAuditEntry) => appendAuditEntryUnlessRecent({ db: options.db, entry, withinMinutes: 10 })
        : (entry: NewAuditEntry) => appendAuditEntry({ db: options.db, entry });
      await append({
        userName: caller.userName,
        keyId: caller.keyId,
        keyName: caller.keyName,
        role: caller.role,
        action,
        method: request.method,
        route,
        campaignId: set.campaignId ?? (onCampaign ? paramOf(request, 'id') : null),
        recordId: set.recordId ?? null,
        address: request.ip,
        status: reply.statusCode,
        outcome: outcomeOfStatus(reply.statusCode),
        detail: set.detail ?? (withheld ? 'record id withheld' : others.join(' ') || null),
      });
    } catch (error) {
      request.log.error({ err: error, action }, 'writing the audit entry failed');
    }
    return payload;
  };
}
