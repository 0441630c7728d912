import type { FastifyRequest, FastifySchemaValidationError } from 'fastify';
import { z } from 'zod';
import { KindlyError } from './errors.ts';

/** The parts of a request a route schema checks. */
export type RequestPart = 'params' | 'querystring' | 'body';

/**
 * Throws the refusal of one part of the request, if its schema refused it. Public routes declare
 * their schemas with `attachValidation: true` and call this where they read that part, so refusals
 * come in the order the route decides (an unknown link before a bad body) and word the problem as
 * zod does: the error handler answers with the field, the reason and the fix. A schema that refused
 * with a Kindly error of its own (an issue whose `params.refusal` holds it) throws that error.
 */
export function requireValidInput(options: { request: FastifyRequest; part: RequestPart }): void {
  const error = options.request.validationError;
  if (!error || error.validationContext !== options.part) return;
  const validation: FastifySchemaValidationError[] = error.validation ?? [];
  const issues = validation.map(({ keyword, instancePath, message, params }) => ({
    ...params,
    code: keyword,
    path: instancePath.split('/').filter(Boolean),
    message: message ?? 'invalid input',
  }));
  const refusal = issues
    .map((issue) => (issue as { params?: { refusal?: unknown } }).params?.refusal)
    .find((value) => value instanceof KindlyError);
  if (refusal) throw refusal;
  throw new z.ZodError(issues as z.core.$ZodIssue[]);
}
