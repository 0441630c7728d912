import { accessRoles } from './route-access.ts';
import { jsonSchemaTransform } from 'fastify-type-provider-zod';
import { z } from 'zod';

/** Bytes of a file, as OpenAPI writes them; any body passes (a Buffer, a stream, text). */
const fileBytes = z.any().meta({ type: 'string', format: 'binary' });

/** A route's response that is a file of one media type (a picture, a page, a CSV), for its schema's `response`. */
export function describeFile(options: { description: string; type: string }) {
  return { description: options.description, content: { [options.type]: { schema: fileBytes } } };
}

/** A response without a body (204, a redirect), for a route schema's `response`. */
export function describeEmpty(options: { description: string }) {
  return { description: options.description, content: {} };
}

/**
 * fastify-type-provider-zod's transform for @fastify/swagger, with responses made by `describeEmpty`
 * written as OpenAPI's empty responses (a body of type null, which swagger leaves out), and the
 * roles a route admits (its `config.access`) in its description.
 */
export const transformRouteSchema: typeof jsonSchemaTransform = (document) => {
  const transformed = jsonSchemaTransform(document);
  const access = document.route.config?.access;
  if (access && access !== 'public') {
    const schema = transformed.schema as { description?: string };
    const roles = `Roles: ${accessRoles[access].join(', ')}.`;
    schema.description = schema.description ? `${schema.description}\n\n${roles}` : roles;
  }
  const responses =
    (transformed.schema as { response?: Record<string, { description?: string; content?: object }> } | undefined)
      ?.response ?? {};
  for (const [status, response] of Object.entries(responses)) {
    if (response.content && Object.keys(response.content).length === 0)
      responses[status] = { description: response.description, type: 'null' } as never;
  }
  return transformed;
};
