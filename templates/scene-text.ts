/** What a facts scene shows: greeting and lead, then amount, due date and invoice (labels included). */
export type FactsText = {
  /** A short label over the greeting, e.g. "Final notice". */
  badge?: string;
  greeting: string;
  lead: string;
  amountLabel: string;
  amount: string;
  dueLabel: string;
  dueDate: string;
  invoiceLabel: string;
  invoice: string;
};

/** What the invitation to act shows: a title, the two calls to action, a subtitle and, with a brand kit, the pay provider. */
export type OutroText = { title: string; subtitle: string; payNow: string; choosePlan: string; payProvider?: string };
