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

/** What the invitation to act shows: a title, a subtitle and, with a brand kit, the pay provider (the buttons are the page's, under the video). */
export type OutroText = { title: string; subtitle: string; payProvider?: string };
