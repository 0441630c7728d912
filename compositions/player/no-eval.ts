import { z } from 'zod';

// The page's CSP allows no eval: zod must not compile its checks with new Function, nor probe
// whether it may (the probe alone is a CSP violation). Imported first, before any schema is built.
z.config({ jitless: true });
