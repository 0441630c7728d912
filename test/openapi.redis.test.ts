import type { FastifyInstance, RouteOptions } from 'fastify';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildFullApp } from './helpers/build-full-app.ts';
import { closeAll, type Closers } from './helpers/listen-and-launch.ts';

type Operation = { summary?: string; tags?: string[]; security?: unknown[] };
type Document = { security: unknown[]; paths: Record<string, Record<string, Operation>> };

const closers: Closers = [];
let app: FastifyInstance;
let document: Document;
/** Every route the app registered (HEAD twins of GET routes left out). */
let routes: RouteOptions[];

beforeAll(async () => {
  ({ app, routes } = await buildFullApp({ name: 'openapi', closers, apiKey: 'test-key-0123456789abcdef' }));
  document = (await app.inject({ method: 'GET', url: '/docs/json' })).json();
});

afterAll(() => closeAll(closers));

const methodsOf = (route: RouteOptions) => [route.method].flat().map((method) => method.toLowerCase());
const openApiPath = (url: string) => url.replace(/:(\w+)/g, '{$1}');
const isHidden = (route: RouteOptions) => route.schema?.hide === true;
/** A URL for the route with every parameter filled in. */
const sampleUrl = (url: string) => url.replace(/:(\w+)/g, 'x').replace(/\*$/, 'x');

describe('the OpenAPI document at /docs/json', () => {
  it('documents every registered route with a summary and a tag, unless the route is hidden on purpose', () => {
    expect(routes.length).toBeGreaterThan(30);
    const undocumented = routes
      .filter((route) => !isHidden(route))
      .flatMap((route) =>
        methodsOf(route).map((method) => ({
          method,
          url: route.url,
          operation: document.paths[openApiPath(route.url)]?.[method],
        })),
      )
      .filter(({ operation }) => !operation?.summary || !operation.tags?.length)
      .map(({ method, url }) => `${method} ${url}`);
    expect(undocumented).toEqual([]);
  });

  it('hides only files and pages (static files, the dashboard, the studio page, the queue board), never an API route of Kindly', () => {
    const hidden = routes.filter(isHidden).map((route) => route.url);
    expect(hidden).toContain('/favicon.ico');
    expect(hidden).toContain('/admin/');
    expect(hidden).toContain('/studio');
    expect(hidden.some((url) => url.startsWith('/admin/queues'))).toBe(true);
    expect(hidden.filter((url) => /^\/(api|t|hooks)\//.test(url))).toEqual([]);
    expect(Object.keys(document.paths).filter((url) => url.startsWith('/docs') || url.startsWith('/admin/'))).toEqual(
      [],
    );
  });

  it('puts the lock on exactly the routes that refuse a request without an API key', async () => {
    expect(document.security).toEqual([{ apiKey: [] }]);
    const documented = Object.entries(document.paths).flatMap(([url, operations]) =>
      Object.entries(operations).map(([method, operation]) => ({ url, method, operation })),
    );
    const refusals = await Promise.all(
      documented.map(async ({ url, method, operation }) => {
        const response = await app.inject({
          method: method.toUpperCase() as 'GET',
          url: sampleUrl(url.replace(/\{(\w+)\}/g, ':$1')),
        });
        const needsKey = response.statusCode === 401 && response.json().error === 'This route needs an API key';
        const locked = operation.security === undefined ? document.security.length > 0 : operation.security.length > 0;
        return { route: `${method} ${url}`, needsKey, locked };
      }),
    );
    expect(refusals.filter(({ needsKey, locked }) => needsKey !== locked)).toEqual([]);
    // Both kinds are there: the admin API behind the key, the public tracking, health and checkout routes without it.
    expect(refusals.filter(({ locked }) => locked).map(({ route }) => route)).toContain('post /api/campaigns');
    expect(refusals.filter(({ locked }) => !locked).map(({ route }) => route)).toEqual(
      expect.arrayContaining(['post /t/e', 'get /t/c/{token}/{target}', 'post /hooks/payments/{campaignId}']),
    );
  });
});
