// What the dashboard reads from the admin API, as the API answers it (only the fields it shows).

/** A campaign as `/api/campaigns/:id` describes it. */
export type CampaignSummary = {
  id: string;
  status: string;
  renderMode?: string;
  progress?: {
    /** Renders on open: pages opened, videos rendered for them, seconds from the view to the video (p50, p95). */
    onOpen?: {
      opened: number;
      rendered: number;
      failed: number;
      latencyP50Seconds: number | null;
      latencyP95Seconds: number | null;
    };
    percent: number;
    published: number;
    failed: number;
    read?: number;
    accepted?: number;
    rejected?: number;
  };
};

/** One template of `/api/templates` (the fields the console offers). */
export type TemplateSummary = { id: string; title: string; fields: string[]; locales: string[]; tones: string[] };

/** `POST /api/campaigns/:id/records/columns`: the head of a records file, read against the template. */
export type FileColumns = {
  format: string;
  columns: { name: string; samples: string[] }[];
  fields: { field: string; required: boolean; column: string | null }[];
  savedMapping: Record<string, string> | null;
  missing: string[];
};

/** The counts `POST /api/campaigns/:id/records` answers with (its first rejects left aside). */
export type UploadCounts = { read: number; accepted: number; rejected: number };

/** One rejected row, as `/api/campaigns/:id/rejects` pages them. */
export type Reject = { id: number; row: number; field: string; value: string; reason: string };

/** One page built for a recipient by `POST /api/campaigns/:id/previews`. */
export type RecipientPreview = { recordId: string; row: number; locale: string; url: string };

/** Counts of one funnel: each step, then paid and the share of links that paid. */
export type Funnel = Record<string, number> & { issued: number; paid: number; recoveryRate: number };

/** What was owed and paid in one currency, formatted by the API. */
export type CurrencyTotal = { currency: string; owedText: string; paidText: string; recoveryRate: number };

/** Survey answers: count, average, per score, and the Net Promoter Score on a 0–10 scale. */
export type SurveySummary = {
  scale: string | null;
  responses: number;
  average: number | null;
  scores: Record<string, number>;
  nps: { score: number; promoters: number; passives: number; detractors: number } | null;
};

/** `/api/campaigns/:id/analytics`. */
export type Analytics = {
  funnel: Funnel;
  amounts: CurrencyTotal[];
  variants: { id: string; template: string; funnel: Funnel; amounts: CurrencyTotal[]; survey: SurveySummary }[];
  comparisons: { verdict: string; significant: boolean }[];
  retention: { seconds: number[]; viewers: number };
  survey: SurveySummary;
  flagged: Record<string, Record<string, number>>;
  expiredAt?: string;
};

/** One row of `/api/campaigns/:id/failures`. */
export type Failure = { recordId: string; row: number | null; attempts: number; error: string };

/** Who marked a response handled or released its hold. */
export type HandledBy = { name: string | null; key: string };

/** One thing a debtor sent from the page, from `/api/campaigns/:id/responses`. */
export type InboxResponse = {
  id: number;
  recordId: string;
  kind: string;
  data: Record<string, string | undefined>;
  createdAt: string;
  status: string;
  handledBy: HandledBy | null;
  handledAt: string | null;
  holdReleasedBy: HandledBy | null;
  holdReleasedAt: string | null;
};

/** Reads the admin API with the dashboard's key; JSON answers parsed, others as text. */
export type AdminApi = <T>(path: string, init?: RequestInit) => Promise<T>;

/** Who the key belongs to, as `/api/me` says. */
export type Caller = { userName: string; keyId: string | null; role: 'admin' | 'operator' | 'designer' | 'analyst' };

/** One entry of the audit log, as `/api/audit` answers it. */
export type AuditEntry = {
  id: string;
  at: string;
  userName: string | null;
  keyName: string | null;
  role: string | null;
  action: string;
  method: string | null;
  route: string | null;
  campaignId: string | null;
  recordId: string | null;
  address: string | null;
  status: number | null;
  outcome: string;
  detail: string | null;
};
