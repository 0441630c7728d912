import crypto from 'node:crypto';

/** A campaign id that says which template and when, and nothing about any debtor. */
export function makeCampaignId(options: { templateId: string; now?: Date }): string {
  const stamp = (options.now ?? new Date()).toISOString().replace(/[-:]/g, '').replace('T', '-').slice(0, 15);
  return `${options.templateId}-${stamp}-${crypto.randomBytes(2).toString('hex')}`;
}
