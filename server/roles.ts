/** The roles a user has, one each: what their keys may do is in server/route-access.ts. */
export const roles = ['admin', 'operator', 'designer', 'analyst'] as const;
export type Role = (typeof roles)[number];
