import type { FastifyInstance, RouteOptions } from 'fastify';
import { roles, type Role } from './roles.ts';

/**
 * Who may call a route, declared once on every route as `config: { access }`:
 * `public` needs no key; the others need a key whose user has one of the roles listed here.
 */
export const accessRoles = {
  admin: ['admin'],
  operator: ['admin', 'operator'],
  designer: ['admin', 'designer'],
  analyst: ['admin', 'operator', 'analyst'],
  'any-role': roles,
} as const satisfies Record<string, readonly Role[]>;

export type Access = 'public' | keyof typeof accessRoles;

declare module 'fastify' {
  interface FastifyContextConfig {
    /** Who may call this route (see accessRoles); every route declares it. */
    access?: Access;
    /**
     * The audit log's name for what this route does; with it, every call is appended to the
     * audit log with its outcome. `:param` is replaced by that route parameter.
     */
    audit?: string;
    /**
     * With `audit`: a read that clients repeat (the dashboard polls it), appended once per key,
     * action, campaign and outcome in 10 minutes rather than on every call.
     */
    auditRepeatedRead?: boolean;
  }
}

const scopeAccess = Symbol('kindly.scopeAccess');
type ScopedInstance = FastifyInstance & { [scopeAccess]?: { access: Access; audit?: string } };

/**
 * An onRoute hook for the root instance: a route that declares no access fails the start, so none
 * is left open (or shut) by mistake. Routes of plugins that cannot declare it take their scope's
 * (see grantScopeAccess).
 */
export function requireRouteAccess(this: FastifyInstance, route: RouteOptions): void {
  if (route.config?.access) return;
  const scoped = (this as ScopedInstance)[scopeAccess];
  if (!scoped) {
    throw new Error(
      `The route ${String(route.method)} ${route.url} declares no access. ` +
        "Add config: { access: 'public' | 'admin' | 'operator' | 'designer' | 'analyst' | 'any-role' } to its options",
    );
  }
  const method = [route.method].flat()[0];
  const audited = scoped.audit && method !== 'GET' && method !== 'HEAD';
  route.config = { ...route.config, access: scoped.access, ...(audited ? { audit: scoped.audit } : {}) };
}

/**
 * Gives every route registered in this scope (by a plugin that cannot take route options, such as
 * the queue board or the API docs) one access, and for its routes that change state an audit name.
 */
export function grantScopeAccess(options: { scope: FastifyInstance; access: Access; audit?: string }): void {
  options.scope.decorate(scopeAccess, { access: options.access, audit: options.audit });
}
