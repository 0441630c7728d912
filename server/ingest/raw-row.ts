import type { RejectIssue } from './ingest-event.ts';

/**
 * One record as a format reader hands it over: the raw values keyed by template field, or
 * the issues that kept the reader from getting values at all (bad JSON, wrong cell count).
 */
export type RawRow = { row: number; values: Record<string, unknown> } | { row: number; issues: RejectIssue[] };
