import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { templates } from '../../templates/registry.ts';

const templateSummary = z.object({
  id: z.string(),
  version: z.string(),
  title: z.string(),
  fields: z.array(z.string()),
  requiredFields: z.array(z.string()),
  locales: z.array(z.string()),
  /** Tones of the copy a campaign or record may pick (empty: one voice). */
  tones: z.array(z.string()),
  ctas: z.array(z.string()),
  durationSeconds: z.number(),
  size: z.string(),
});

/** GET /api/templates: what can be rendered, with the columns a records file needs. */
export function templateRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/templates',
      {
        config: { access: 'any-role' },
        schema: {
          tags: ['templates'],
          summary: 'List the templates and the columns their records need',
          response: { 200: z.object({ templates: z.array(templateSummary) }) },
        },
      },
      async () => ({
        templates: templates.map((template) => ({
          id: template.id,
          version: template.version,
          title: template.title,
          fields: [...template.fields],
          requiredFields: [...template.requiredFields],
          locales: [...template.locales],
          tones: [...(template.tones ?? [])],
          ctas: [...template.ctas],
          durationSeconds: template.durationInFrames / template.fps,
          size: `${template.width}x${template.height}`,
        })),
      }),
    );
  };
}
