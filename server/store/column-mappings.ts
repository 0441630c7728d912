import type { Queryable } from './db.ts';

/** Which file column feeds which template field (field -> column), as an upload's `map` said. */
export type ColumnMapping = Record<string, string>;

/** Keeps this mapping as the template's latest, replacing the one before. */
export async function saveColumnMapping(options: {
  db: Queryable;
  templateId: string;
  mapping: ColumnMapping;
}): Promise<void> {
  await options.db.query(
    `insert into column_mappings (template_id, mapping) values ($1, $2::jsonb)
     on conflict (template_id) do update set mapping = excluded.mapping, saved_at = now()`,
    [options.templateId, JSON.stringify(options.mapping)],
  );
}

/** The template's latest saved mapping, or undefined when no upload saved one. */
export async function findColumnMapping(options: {
  db: Queryable;
  templateId: string;
}): Promise<ColumnMapping | undefined> {
  const { rows } = await options.db.query<{ mapping: ColumnMapping | string }>(
    'select mapping from column_mappings where template_id = $1',
    [options.templateId],
  );
  const mapping = rows[0]?.mapping;
  return typeof mapping === 'string' ? (JSON.parse(mapping) as ColumnMapping) : mapping;
}
