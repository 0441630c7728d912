import os from 'node:os';
import { appendAuditEntry, type AuditOutcome } from '../store/audit-entries.ts';
import type { Queryable } from '../store/db.ts';

/** Who runs the command on this machine; a user without a passwd entry (as in some containers) by uid. */
function systemUser(): string {
  try {
    return os.userInfo().username;
  } catch {
    return `uid ${process.getuid?.() ?? 'unknown'}`;
  }
}

/**
 * The audit entry of something done with the CLI on the store itself (a server that holds the
 * store audits what it is asked through its API): by whoever runs it on this machine, with the
 * command as the key's name, since no key was used.
 */
export async function auditCliAction(options: {
  db: Queryable;
  command: string;
  action: string;
  campaignId?: string;
  detail?: string;
  outcome?: AuditOutcome;
}): Promise<void> {
  await appendAuditEntry({
    db: options.db,
    entry: {
      userName: `${systemUser()}@${os.hostname()}`,
      keyId: null,
      keyName: `kindly ${options.command} (CLI)`,
      role: 'admin',
      action: options.action,
      method: null,
      route: null,
      campaignId: options.campaignId ?? null,
      recordId: null,
      address: 'local',
      status: null,
      outcome: options.outcome ?? 'done',
      detail: options.detail ?? null,
    },
  });
}

/**
 * Runs a CLI action on the store and appends its audit entry, done or failed. A store that cannot
 * take the entry of a failure leaves the failure as it is; one that cannot take the entry of work
 * done says so on stderr, and the work stays done.
 */
export async function withCliAudit<T>(options: {
  db: Queryable;
  command: string;
  action: string;
  campaignId?: string;
  describe?: (result: T) => { campaignId?: string; detail?: string };
  work: () => Promise<T>;
}): Promise<T> {
  const { work, describe, ...entry } = options;
  let result: T;
  try {
    result = await work();
  } catch (error) {
    await auditCliAction({ ...entry, outcome: 'failed' }).catch(() => undefined);
    throw error;
  }
  await auditCliAction({ ...entry, ...describe?.(result) }).catch((error: unknown) =>
    process.stderr.write(`kindly: done, but its audit entry could not be written: ${String(error)}\n`),
  );
  return result;
}
