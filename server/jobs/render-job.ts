import { z } from 'zod';
import { KindlyError } from '../errors.ts';

/**
 * A render job's payload: which recipient (by its position in the campaign, which says nothing
 * about the debtor) of which campaign. Parsed inside the processor.
 */
export const renderJobData = z.object({
  campaignId: z.string().min(1).max(200),
  seq: z.int().positive(),
});
export type RenderJobData = z.infer<typeof renderJobData>;

/** A job's payload, parsed; a malformed one throws a non-retryable KindlyError. */
export function parseRenderJobData(data: unknown): RenderJobData {
  const parsed = renderJobData.safeParse(data);
  if (!parsed.success) {
    throw new KindlyError({
      problem: 'A render job has a malformed payload',
      value: data,
      fix: 'Enqueue jobs with { campaignId, seq }',
    });
  }
  return parsed.data;
}

/** The name of the jobs that render an opened recipient of an on-open campaign (their payload is a render job's). */
export const openRenderJobName = 'open-render';

/**
 * BullMQ priorities (lower runs first): an opened recipient's render goes before every eager
 * render waiting, of any campaign. Eager jobs carry a priority too, since BullMQ runs jobs
 * without one before every prioritized job.
 */
export const jobPriority = { onOpen: 1, eager: 100 } as const;

/**
 * The job id of a recipient's render: the same campaign, recipient, template version and run
 * always give the same id, so enqueuing twice renders once.
 */
export function makeJobId(options: { campaignId: string; seq: number; templateVersion: string; run: number }): string {
  return `${options.campaignId}.${options.seq}.v${options.templateVersion}.r${options.run}`.replace(/:/g, '_');
}

/** The job id of an opened recipient's render: one per recipient, so a second view or the sweeper never adds another. */
export function makeOpenJobId(options: { campaignId: string; seq: number }): string {
  return `${options.campaignId}.${options.seq}.open`.replace(/:/g, '_');
}
