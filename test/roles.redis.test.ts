import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildApp } from '../server/api/build-app.ts';
import { roles, type Role } from '../server/roles.ts';
import { accessRoles, type Access } from '../server/route-access.ts';
import { createApiKey, listApiKeys } from '../server/store/api-keys.ts';
import type { Db } from '../server/store/db.ts';
import { openEmbeddedStore } from '../server/store/open-embedded-store.ts';
import { buildFullApp } from './helpers/build-full-app.ts';
import { closeAll, type Closers } from './helpers/listen-and-launch.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const closers: Closers = [];
let app: FastifyInstance;
/** Every route the app registered (HEAD twins of GET routes left out). */
let routes: RouteOptions[];
const keys = {} as Record<Role, string>;

/** The app with every route it can offer, and a key of each role. */
let db: Db;
beforeAll(async () => {
  ({ app, db, routes } = await buildFullApp({ name: 'roles', closers }));
  for (const role of roles) keys[role] = (await createApiKey({ db, name: `${role} person`, role })).key;
});

afterAll(() => closeAll(closers));

/**
 * Who may call each route. A route that changes who may call it changes this table too, so the
 * change shows in review.
 */
const expectedAccess: Record<string, Access> = {
  'GET /healthz': 'public',
  'GET /readyz': 'public',
  'GET /metrics': 'public',
  'GET /favicon.ico': 'public',
  'GET /demo/pay': 'public',
  'GET /admin/': 'public',
  'GET /admin/dashboard.js': 'public',
  'GET /admin/dashboard.css': 'public',
  'GET /admin/inbox.css': 'public',
  'GET /admin/console.css': 'public',
  'GET /admin/debtor.css': 'public',
  'GET /docs/': 'public',
  'GET /docs/json': 'public',
  'GET /docs/yaml': 'public',
  'GET /docs/static/*': 'public',
  'GET /docs/static/index.html': 'public',
  'GET /docs/static/swagger-initializer.js': 'public',
  'GET /*': 'public',
  'POST /t/e': 'public',
  'GET /t/p/:token/pixel.gif': 'public',
  'GET /t/c/:token/:target': 'public',
  'GET /t/o/:token': 'public',
  'POST /t/o/:token': 'public',
  'POST /t/g/:token': 'public',
  'POST /t/f/:token/:kind': 'public',
  'POST /t/s/:token': 'public',
  'POST /hooks/payments/:campaignId': 'public',
  'GET /studio/site/r/:id/poster.jpg': 'public',
  'GET /studio/site/*': 'public',
  'HEAD /*': 'public',
  'HEAD /docs/static/*': 'public',
  'HEAD /studio/site/*': 'public',
  'GET /studio/preview/t/*': 'public',
  'POST /studio/preview/t/*': 'public',
  'GET /api/templates': 'any-role',
  'GET /api/me': 'any-role',
  'POST /api/campaigns': 'operator',
  'GET /api/campaigns': 'analyst',
  'GET /api/campaigns/:id': 'analyst',
  'GET /api/campaigns/:id/stats': 'analyst',
  'GET /api/campaigns/:id/analytics': 'analyst',
  'GET /api/campaigns/:id/funnel.csv': 'analyst',
  'GET /api/campaigns/:id/outcomes.csv': 'operator',
  'POST /api/campaigns/:id/payments': 'operator',
  'POST /api/campaigns/:id/deliveries': 'operator',
  'GET /api/campaigns/:id/links.csv': 'operator',
  'GET /api/campaigns/:id/rejects.csv': 'operator',
  'GET /api/campaigns/:id/rejects': 'operator',
  'GET /api/campaigns/:id/delivery.:format': 'operator',
  'GET /api/campaigns/:id/failures': 'operator',
  'GET /api/campaigns/:id/responses': 'operator',
  'GET /api/campaigns/:id/responses.csv': 'operator',
  'POST /api/campaigns/:id/responses/:responseId/handle': 'operator',
  'POST /api/campaigns/:id/responses/:responseId/reopen': 'operator',
  'POST /api/campaigns/:id/responses/:responseId/release': 'operator',
  'POST /api/campaigns/:id/records': 'operator',
  'POST /api/campaigns/:id/records/columns': 'operator',
  'POST /api/campaigns/:id/previews': 'operator',
  'POST /api/campaigns/:id/:action': 'operator',
  'DELETE /api/campaigns/:id/published': 'operator',
  'DELETE /api/campaigns/:id/recipients/:recordId': 'operator',
  'GET /api/recipients': 'operator',
  'GET /api/campaigns/:id/recipients/:recordId': 'operator',
  'POST /api/campaigns/:id/recipients/:recordId/render': 'operator',
  'GET /api/studio/templates': 'designer',
  'POST /api/studio/preview': 'designer',
  'GET /api/studio/stills/:file': 'designer',
  'GET /api/studio/templates/:id/versions': 'designer',
  'POST /api/studio/templates/:id/versions': 'designer',
  'GET /studio': 'designer',
  'GET /studio/:file': 'designer',
  'GET /api/audit': 'admin',
  'GET /api/audit.csv': 'admin',
  'GET /api/audit.ndjson': 'admin',
};

const methodsOf = (route: RouteOptions) => [route.method].flat();
/** `METHOD /url`, with the queue board's many routes (a third-party page, admin only) under one name. */
const nameOf = (method: string, url: string) =>
  url.startsWith('/admin/queues') ? `${method} /admin/queues/…` : `${method} ${url}`;
const accessOf = (route: RouteOptions) => route.config?.access;
/** A URL for the route with every parameter filled in. */
const sampleUrl = (url: string) => url.replace(/:(\w+)/g, 'x').replace(/\*$/, 'x');
const bearer = (role: Role) => ({ authorization: `Bearer ${keys[role]}` });

describe('who may call each route', () => {
  it('has every registered route declare its access, as the table in this test says', () => {
    expect(routes.length).toBeGreaterThan(50);
    const declared = Object.fromEntries(
      routes
        .filter((route) => !route.url.startsWith('/admin/queues'))
        .flatMap((route) => methodsOf(route).map((method) => [nameOf(method, route.url), accessOf(route)])),
    );
    expect(declared).toEqual(expectedAccess);
    const board = routes.filter((route) => route.url.startsWith('/admin/queues'));
    expect(board.length).toBeGreaterThan(5);
    expect(new Set(board.map(accessOf))).toEqual(new Set(['admin']));
  });

  it('answers 401 without a key on every route that is not public, 403 to roles not admitted, and lets the others through', async () => {
    const wrong: string[] = [];
    for (const route of routes) {
      const access = accessOf(route)!;
      for (const method of methodsOf(route)) {
        const request = { method: method as 'GET', url: sampleUrl(route.url) };
        const anonymous = await app.inject(request);
        if (access === 'public') {
          // A public route may refuse a bad webhook signature (401), never for want of an API key.
          if (anonymous.statusCode === 401 && anonymous.json().error === 'This route needs an API key')
            wrong.push(`${method} ${route.url}: public, yet asks for a key`);
          continue;
        }
        if (anonymous.statusCode !== 401) wrong.push(`${method} ${route.url}: ${anonymous.statusCode} without a key`);
        for (const role of roles) {
          const admitted = (accessRoles[access] as readonly Role[]).includes(role);
          // A key refused ten times in a minute gets 429: each refusal here comes with a new key of the role.
          const key = admitted ? keys[role] : (await createApiKey({ db, name: `${role} person`, role })).key;
          const response = await app.inject({ ...request, headers: { authorization: `Bearer ${key}` } });
          if (admitted && (response.statusCode === 401 || response.statusCode === 403))
            wrong.push(`${method} ${route.url}: ${response.statusCode} for ${role}, who is admitted`);
          if (!admitted && response.statusCode !== 403)
            wrong.push(`${method} ${route.url}: ${response.statusCode} for ${role}, who is not admitted`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('says which role a refused route needs, the role of the key, and how to get one', async () => {
    const response = await app.inject({ method: 'GET', url: '/api/campaigns/x/links.csv', headers: bearer('analyst') });
    expect(response.statusCode).toBe(403);
    expect(response.json()).toMatchObject({
      error: 'This route needs the role admin or operator; the key of analyst person has the role analyst',
      value: '"GET /api/campaigns/:id/links.csv"',
      fix: 'Use a key of a user with the role admin or operator; an admin makes one with `kindly keys create --name <user> --role operator`',
    });
  });

  it('names the roles of each route that needs a key in the API docs', async () => {
    const document = (await app.inject({ url: '/docs/json' })).json() as {
      paths: Record<string, Record<string, { description?: string }>>;
    };
    expect(document.paths['/api/audit']?.get?.description).toBe('Roles: admin.');
    expect(document.paths['/api/campaigns/{id}/links.csv']?.get?.description).toBe('Roles: admin, operator.');
    expect(document.paths['/api/campaigns/{id}/analytics']?.get?.description).toBe('Roles: admin, operator, analyst.');
    expect(document.paths['/t/e']?.post?.description).toBeUndefined();
  });

  it('tells each key whose it is and its role, and marks it used', async () => {
    for (const role of roles) {
      const response = await app.inject({ method: 'GET', url: '/api/me', headers: bearer(role) });
      expect(response.json()).toMatchObject({ userName: `${role} person`, role });
    }
    // Each key now says when it was last used (`kindly keys list`).
    for (const key of await listApiKeys({ db })) expect(key.lastUsedAt).not.toBeNull();
    // Marking a key used that fails does not fail its request.
    const fresh = await createApiKey({ db, name: 'analyst person', role: 'analyst' });
    await db.exec('alter table api_keys rename column last_used_at to last_used_away');
    try {
      const response = await app.inject({ url: '/api/me', headers: { authorization: `Bearer ${fresh.key}` } });
      expect(response.json()).toMatchObject({ userName: 'analyst person', role: 'analyst' });
    } finally {
      await db.exec('alter table api_keys rename column last_used_away to last_used_at');
    }
    expect((await listApiKeys({ db })).find((key) => key.id === fresh.id)?.lastUsedAt).toBeNull();
  });
});

describe('a route that declares no access', () => {
  it('is refused (500), never treated as public, if one were registered anyway', async () => {
    const temp = await makeTempDir('roles-stripped');
    const db = await openEmbeddedStore({ dataDir: temp.dir });
    try {
      const bare = await buildApp({ db });
      await bare.register(async (scope) => {
        // After the check at registration: what a route losing its access by mistake would look like.
        scope.addHook('onRoute', (route) => {
          delete route.config?.access;
        });
        scope.post('/api/stripped', { config: { access: 'admin' } }, async () => ({ open: true }));
      });
      const response = await bare.inject({ method: 'POST', url: '/api/stripped' });
      expect(response.statusCode).toBe(500);
      expect(response.body).not.toContain('open');
      await bare.close();
    } finally {
      await db.close();
      await temp.remove();
    }
  });

  it('stops the app from starting, naming the route and the fix', async () => {
    const temp = await makeTempDir('roles-undeclared');
    const db = await openEmbeddedStore({ dataDir: temp.dir });
    try {
      const bare = await buildApp({ db });
      const starting = (async () => {
        await bare.register(async (scope) => {
          scope.get('/api/forgotten', async () => ({ open: true }));
        });
        await bare.ready();
      })();
      await expect(starting).rejects.toThrow(
        /The route GET \/api\/forgotten declares no access\. Add config: \{ access: 'public' \| 'admin'/,
      );
      await bare.close().catch(() => undefined);
    } finally {
      await db.close();
      await temp.remove();
    }
  });
});
