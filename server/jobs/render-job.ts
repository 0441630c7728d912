import { z } from 'zod';

/**
 * A render job's payload: which recipient (by its position in the campaign, which says nothing
 * about the debtor) of which campaign. Parsed inside the processor.
 */
export const renderJobData = z.object({
  campaignId: z.string().min(1).max(200),
  seq: z.int().positive(),
});
export type RenderJobData = z.infer<typeof renderJobData>;

/**
 * The job id of a recipient's render: the same campaign, recipient, template version and run
 * always give the same id, so enqueuing twice renders once.
 */
export function makeJobId(options: { campaignId: string; seq: number; templateVersion: string; run: number }): string {
  return `${options.campaignId}.${options.seq}.v${options.templateVersion}.r${options.run}`.replace(/:/g, '_');
}
