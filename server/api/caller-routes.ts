import type { FastifyPluginAsyncZod } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { roles } from '../roles.ts';
import { findCaller } from './require-api-key.ts';

/** GET /api/me: who the key belongs to and its role, so the dashboard shows only what that role may use. */
export function callerRoutes(): FastifyPluginAsyncZod {
  return async (app) => {
    app.get(
      '/api/me',
      {
        config: { access: 'any-role' },
        schema: {
          tags: ['users'],
          summary: "The key's user and role",
          response: {
            200: z.object({ userName: z.string(), keyId: z.string().nullable(), role: z.enum(roles) }),
          },
        },
      },
      async (request) => {
        const caller = findCaller(request)!;
        return { userName: caller.userName, keyId: caller.keyId, role: caller.role };
      },
    );
  };
}
