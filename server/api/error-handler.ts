import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { KindlyError, describeValue } from '../errors.ts';
import { redactTokens } from '../redact-tokens.ts';

/** A refused link code is not echoed back: whatever was sent as a token may be one, give or take a character. */
const echo = (field: string | number | undefined, value: unknown) =>
  value === undefined ? undefined : field === 'token' ? '"(not shown)"' : describeValue(value);

/** The one error handler: 4xx say what is wrong, with the value and the fix; 5xx say nothing internal. */
export function errorHandler(error: FastifyError | Error, request: FastifyRequest, reply: FastifyReply) {
  if (error instanceof KindlyError && error.statusCode < 500) {
    return reply
      .code(error.statusCode)
      .send({ error: error.problem, value: error.value, fix: error.fix, message: error.message });
  }
  if (hasZodFastifySchemaValidationErrors(error)) {
    const issue = error.validation[0];
    const where = (error as FastifyError).validationContext ?? 'body';
    const path = (issue?.instancePath ?? '').split('/').filter(Boolean);
    const field = path.join('.') || where;
    const value = path.reduce<unknown>(
      (node, key) => (node && typeof node === 'object' ? (node as Record<string, unknown>)[key] : undefined),
      request[where as 'body'],
    );
    return reply.code(400).send({
      error: `${field} is not valid: ${issue?.message ?? 'invalid input'}`,
      value: echo(path.at(-1), value),
      fix: `Correct ${field} in the request ${where} and send it again`,
    });
  }
  // $ZodError covers both zod and zod/mini schemas (the page's forms share theirs with the browser).
  if (error instanceof z.core.$ZodError) {
    const issue = error.issues[0];
    const field = issue?.path.join('.') || 'body';
    const reason =
      issue?.code === 'custom' && typeof issue.params?.reason === 'string' ? issue.params.reason : issue?.code;
    return reply.code(400).send({
      error: `${field} is not valid: ${issue?.message ?? 'invalid input'}`,
      value:
        issue && 'input' in issue ? echo(issue.path.at(-1) as string | number | undefined, issue.input) : undefined,
      fix: 'Correct this field and send the request again',
      // For pages that word the refusal in their own language.
      field,
      reason,
    });
  }
  const status = 'statusCode' in error && typeof error.statusCode === 'number' ? error.statusCode : 500;
  if (status < 500) {
    return reply
      .code(status)
      .send({ error: error.message, fix: 'Check the request against the API documentation at /docs' });
  }
  request.log.error(
    { err: { type: error.name, message: redactTokens(error.message), stack: redactTokens(error.stack ?? '') } },
    'request failed',
  );
  return reply
    .code(status >= 500 ? status : 500)
    .send({ error: 'Internal error', fix: 'Try again later; if it persists, contact the operator' });
}
