// Which of the operator's moves a campaign's status allows, as server/campaigns/campaign-moves.ts
// states them (test/console-moves.test.ts keeps the two in step). The API refuses the rest.

/** The operator's buttons, in the order the console shows them. */
export const consoleActions = ['start', 'pause', 'resume', 'cancel', 'retry'] as const;
/** The console's buttons, the records upload, and rendering one debtor again (Find a debtor). */
export type ConsoleAction = (typeof consoleActions)[number] | 'upload' | 'rerender';

const allowed: Record<string, readonly ConsoleAction[]> = {
  draft: ['upload', 'cancel'],
  ingesting: ['cancel'],
  ready: ['upload', 'start', 'retry', 'cancel'],
  rendering: ['pause', 'retry', 'cancel'],
  paused: ['resume', 'retry', 'cancel'],
  cancelled: [],
  done: ['start', 'retry', 'rerender'],
  unpublished: [],
};

/** Whether a campaign in `status` may take `action` now. */
export function mayMove(options: { status: string; action: ConsoleAction }): boolean {
  return allowed[options.status]?.includes(options.action) ?? false;
}
