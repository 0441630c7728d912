import crypto from 'node:crypto';
import type { Queryable } from './db.ts';

/** Copy overrides per locale: locale → copy key → text. */
export type LocaleCopy = Record<string, Record<string, string>>;

/** A saved template version: the template's code version with copy overrides, e.g. `1.0.0+2`. */
export type TemplateVersion = {
  id: string;
  templateId: string;
  label: string;
  copy: LocaleCopy;
  note: string;
  createdAt: string;
};

type Row = {
  id: string;
  template_id: string;
  label: string;
  copy: LocaleCopy | string;
  note: string;
  created_at: Date | string;
};

const toVersion = (row: Row): TemplateVersion => ({
  id: row.id,
  templateId: row.template_id,
  label: row.label,
  copy: typeof row.copy === 'string' ? (JSON.parse(row.copy) as LocaleCopy) : row.copy,
  note: row.note,
  createdAt: new Date(row.created_at).toISOString(),
});

/**
 * Stores a new version of a template's copy, labelled `<code version>+<n>` with n counting the
 * template's saved versions. Versions are never changed afterwards: campaigns keep theirs.
 */
export async function createTemplateVersion(options: {
  db: Queryable;
  templateId: string;
  codeVersion: string;
  copy: LocaleCopy;
  note: string;
}): Promise<TemplateVersion> {
  for (let attempt = 0; ; attempt += 1) {
    try {
      const { rows } = await options.db.query<Row>(
        `insert into template_versions (id, template_id, seq, label, copy, note)
         select $1, $2, next.seq, $3 || '+' || next.seq, $4::jsonb, $5
           from (select coalesce(max(seq), 0) + 1 as seq from template_versions where template_id = $2) as next
         returning *`,
        [crypto.randomUUID(), options.templateId, options.codeVersion, JSON.stringify(options.copy), options.note],
      );
      return toVersion(rows[0] as Row);
    } catch (error) {
      // Two saves at once: the second loses on (template_id, seq) and takes the next number.
      if ((error as { code?: string }).code !== '23505' || attempt >= 4) throw error;
    }
  }
}

/** A template's saved versions, newest first. */
export async function listTemplateVersions(options: { db: Queryable; templateId: string }): Promise<TemplateVersion[]> {
  const { rows } = await options.db.query<Row>(
    'select * from template_versions where template_id = $1 order by seq desc',
    [options.templateId],
  );
  return rows.map(toVersion);
}

/** The saved version with this label, or undefined (a plain code version such as `1.0.0` has none). */
export async function findTemplateVersion(options: {
  db: Queryable;
  templateId: string;
  label: string;
}): Promise<TemplateVersion | undefined> {
  const { rows } = await options.db.query<Row>(
    'select * from template_versions where template_id = $1 and label = $2',
    [options.templateId, options.label],
  );
  return rows[0] && toVersion(rows[0]);
}
