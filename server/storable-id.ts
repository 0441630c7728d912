import { z } from 'zod';
import { isStorableText, unstorableReason } from './storable-text.ts';

/** An id from a URL or a body: 1–200 characters the store can look up (no NUL, no half surrogate pair), else a 400 that says so. */
export const storableId = (name: string) =>
  z
    .string()
    .min(1)
    .max(200)
    .refine(isStorableText, { error: `${name} ${unstorableReason}` });
