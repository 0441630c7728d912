import fs from 'node:fs';
import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { templates } from '../../templates/registry.ts';
import { requireTemplate } from '../campaign-options.ts';
import { describeFile } from '../describe-response.ts';
import { InputError, NotFoundError } from '../errors.ts';
import type { Queryable } from '../store/db.ts';
import { createTemplateVersion, listTemplateVersions } from '../store/template-versions.ts';
import { requireCopyEdits } from './check-copy-edit.ts';
import { describeCopyKeys } from './describe-copy-keys.ts';
import { makePreview } from './make-preview.ts';
import type { Studio } from './open-studio.ts';
import { previewBody, stillParams, templateParams, versionBody } from './studio-body.ts';
import { previewTrackPath } from './studio-site-routes.ts';

const previewAnswer = {
  200: z.object({
    props: z.looseObject({}),
    micrositeUrl: z.string(),
    stills: z.array(z.object({ scene: z.string(), frame: z.number(), url: z.string() })),
  }),
  /** The record does not fit the template: what to correct. */
  422: z.object({ problems: z.array(z.unknown()) }),
};

/** The studio's API (behind the key): templates with their form schema, previews, stills, template versions. */
export function studioApiRoutes(options: { db: Queryable; studio: Studio }): FastifyPluginAsyncZod {
  const { db, studio } = options;
  return async (app) => {
    app.get(
      '/api/studio/templates',
      {
        config: { access: 'designer' },
        schema: {
          tags: ['studio'],
          summary: 'List templates with their form schema, examples and copy',
          response: {
            200: z.object({
              templates: z.array(z.looseObject({ id: z.string(), version: z.string(), title: z.string() })),
            }),
          },
        },
      },
      async () => ({
        templates: templates.map((template) => ({
          id: template.id,
          version: template.version,
          title: template.title,
          width: template.width,
          height: template.height,
          locales: [...template.locales],
          fields: [...template.fields],
          requiredFields: [...template.requiredFields],
          scenes: template.scenes.map((scene) => scene.id),
          recordSchema: z.toJSONSchema(template.schema, { io: 'output', unrepresentable: 'any' }),
          examples: template.examples,
          copy: template.copy ?? {},
          copyLabels: describeCopyKeys({ template }),
        })),
      }),
    );

    app.post(
      '/api/studio/preview',
      {
        config: { access: 'designer' },
        schema: {
          tags: ['studio'],
          summary: 'Preview a record: its props, microsite page and scene stills',
          body: previewBody,
          response: previewAnswer,
        },
      },
      async (request, reply) => {
        const { templateId, locale, record, copy } = request.body;
        const template = requireTemplate(templateId);
        if (!template.locales.includes(locale))
          throw new InputError({
            problem: `Template ${template.id} is not offered in this locale`,
            value: locale,
            fix: `Use one of ${template.locales.join(', ')}`,
          });
        const preview = makePreview({ template, locale, record, copy });
        if (!preview.ok) return reply.code(422).send({ problems: preview.problems });
        const [stills, poster] = await Promise.all([
          studio.stills.plan({ template, record: preview.props }),
          studio.stills.planPoster({ template, record: preview.props }),
        ]);
        const page = await studio.writePreviewPage({
          template,
          props: preview.props,
          trackBase: `${request.protocol}://${request.host}${previewTrackPath}`,
          poster,
        });
        // The microsite's poster first: the frame shows it while the scene stills follow.
        studio.stills.request([
          poster,
          ...stills.map((still) => still.request).filter((still) => still.key !== poster.key),
        ]);
        return {
          props: preview.props,
          micrositeUrl: `/studio/site/${page}`,
          stills: stills.map(({ scene, request: still }) => ({
            scene: scene.id,
            frame: still.frame,
            url: `/api/studio/stills/${still.key}.jpg`,
          })),
        };
      },
    );

    app.get(
      '/api/studio/stills/:file',
      {
        config: { access: 'designer' },
        schema: {
          tags: ['studio'],
          summary: 'A scene still (JPEG)',
          params: stillParams,
          response: { 200: describeFile({ description: 'A JPEG picture', type: 'image/jpeg' }) },
        },
      },
      async (request, reply) => {
        const file = await studio.stills.get(request.params.file.replace(/\.jpg$/, ''));
        if (!file)
          throw new NotFoundError({
            problem: 'No still has this key',
            value: request.params.file,
            fix: 'Ask POST /api/studio/preview for the stills of a record',
          });
        return reply
          .type('image/jpeg')
          .header('cache-control', 'private, max-age=86400')
          .send(fs.createReadStream(file));
      },
    );

    app.get(
      '/api/studio/templates/:id/versions',
      {
        config: { access: 'designer' },
        schema: {
          tags: ['studio'],
          summary: "List a template's copy versions",
          params: templateParams,
          response: { 200: z.object({ builtIn: z.string(), versions: z.array(z.looseObject({})) }) },
        },
      },
      async (request) => {
        const template = requireTemplate(request.params.id);
        return { builtIn: template.version, versions: await listTemplateVersions({ db, templateId: template.id }) };
      },
    );

    app.post(
      '/api/studio/templates/:id/versions',
      {
        config: { access: 'designer', audit: 'template-version' },
        schema: {
          tags: ['studio'],
          summary: 'Save a new copy version of a template',
          params: templateParams,
          body: versionBody,
          response: { 201: z.object({ version: z.looseObject({}) }) },
        },
      },
      async (request, reply) => {
        const template = requireTemplate(request.params.id);
        const { copy, note } = request.body;
        const unknown = Object.keys(copy).find((locale) => !template.locales.includes(locale));
        if (unknown)
          throw new InputError({
            problem: `Template ${template.id} is not offered in this locale`,
            value: unknown,
            fix: `Use one of ${template.locales.join(', ')}`,
          });
        requireCopyEdits({ template, copy });
        const version = await createTemplateVersion({
          db,
          templateId: template.id,
          codeVersion: template.version,
          copy,
          note,
        });
        return reply.code(201).send({ version });
      },
    );
  };
}
