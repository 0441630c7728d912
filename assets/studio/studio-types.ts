// What the studio reads from the studio API (only the fields it uses).

/** One record field's JSON Schema, as the form needs it. */
export type FieldSchema = { enum?: string[]; type?: string; maxLength?: number };

/** A template as `/api/studio/templates` lists it. */
export type StudioTemplate = {
  id: string;
  title: string;
  width: number;
  height: number;
  locales: string[];
  fields: string[];
  requiredFields: string[];
  recordSchema: { properties?: Record<string, FieldSchema> };
  examples: Record<string, unknown>[];
  copy: Record<string, Record<string, string>>;
  copyLabels: Record<string, { name: string; placeholders: string[] }>;
};

/** A field the API refused, with why and how to fix it. */
export type Problem = { field: string; problem: string; fix?: string };

/** `POST /api/studio/preview` when the record fits. */
export type Preview = { micrositeUrl: string; props: unknown; stills: { scene: string; frame: number; url: string }[] };

/** Any answer of the studio API: its status and JSON body. */
export type StudioAnswer<T> = { status: number; json: T & { message?: string; error?: string } };
