import { parse } from 'csv-parse/sync';

/**
 * The lines `kindly demo` prints for a `links.csv` (`id,url,hold`): one per recipient, the record
 * id then the personal URL, and the hold when there is one (no reminder for that recipient).
 */
export function formatDemoLinks(options: { csv: string }): string[] {
  const rows = parse(options.csv, { columns: true, skip_empty_lines: true }) as {
    id: string;
    url: string;
    hold?: string;
  }[];
  return rows.map((row) => `  ${row.id}  ${row.url}${row.hold ? `  (hold: ${row.hold})` : ''}`);
}
