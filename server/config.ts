import path from 'node:path';
import { z } from 'zod';
import { InputError } from './errors.ts';
import { maskUrlPassword } from './mask-url-password.ts';
import { defaultRendersInFlight } from './renders-in-flight.ts';

const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

const envSchema = z.object({
  KINDLY_DATA_DIR: z.string().default('.kindly'),
  KINDLY_BROWSER: optionalText,
  KINDLY_API_KEY: optionalText.pipe(
    z.string().min(16, { error: 'KINDLY_API_KEY must be at least 16 characters' }).optional(),
  ),
  KINDLY_HOST: z.string().default('127.0.0.1'),
  KINDLY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  KINDLY_RENDER_CONCURRENCY: z.preprocess(
    (value) => (value === '' ? undefined : value),
    z.coerce.number().int().min(1).max(64).optional(),
  ),
  KINDLY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
  REDIS_URL: optionalText.pipe(
    z
      .string()
      .regex(/^rediss?:\/\//, { error: 'REDIS_URL must look like redis://host:6379' })
      .optional(),
  ),
  KINDLY_QUEUE_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9_-]+$/)
    .default('kindly'),
  // Two recipients in flight per core: a render's tab waits on its browser half the time.
  KINDLY_WORKER_CONCURRENCY: z.coerce.number().int().min(1).max(32).default(defaultRendersInFlight()),
  KINDLY_RECYCLE_EVERY: z.coerce.number().int().min(1).max(10_000).default(50),
  KINDLY_JOB_ATTEMPTS: z.coerce.number().int().min(1).max(20).default(3),
  KINDLY_WORKER_METRICS_PORT: z.coerce.number().int().min(0).max(65535).default(0),
  KINDLY_TRUST_PROXY: z
    .string()
    .regex(/^(true|false|[1-9]\d?)$/, {
      error:
        'KINDLY_TRUST_PROXY must be false, the number of proxies in front of kindly serve (1 behind one load balancer), or true',
    })
    .default('false'),
  KINDLY_SWEEP_SECONDS: z.coerce.number().int().min(1).max(3600).default(30),
  KINDLY_AUDIT_RETENTION_DAYS: z.coerce.number().int().min(1).max(36500).default(400),
  KINDLY_STALE_SECONDS: z.coerce.number().int().min(10).max(86_400).default(300),
  DATABASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^postgres(ql)?:\/\/\S+$/, {
        error: 'DATABASE_URL must look like postgres://user:password@host:5432/kindly',
      })
      .optional(),
  ),
  KINDLY_S3_BUCKET: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
        error: 'KINDLY_S3_BUCKET must be a bucket name: 3-63 lowercase letters, digits, dots and hyphens',
      })
      .optional(),
  ),
  KINDLY_S3_ENDPOINT: optionalText.pipe(
    z
      .string()
      .regex(/^https?:\/\/[^/\s]+\/?$/, {
        error: 'KINDLY_S3_ENDPOINT must be an origin like https://s3.eu-central-1.amazonaws.com',
      })
      .optional(),
  ),
  KINDLY_S3_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._/-]*$/, { error: 'KINDLY_S3_PREFIX may only hold letters, digits, . _ - and /' })
    .default(''),
  KINDLY_S3_REGION: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9-]+$/, { error: 'KINDLY_S3_REGION must look like eu-central-1 (or auto for R2)' })
      .default('us-east-1'),
  ),
  KINDLY_S3_FORCE_PATH_STYLE: optionalText.pipe(
    z.enum(['true', 'false'], { error: 'KINDLY_S3_FORCE_PATH_STYLE must be true or false' }).optional(),
  ),
  KINDLY_SEGMENT_BUCKET: optionalText.pipe(
    z
      .string()
      .regex(/^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/, {
        error: 'KINDLY_SEGMENT_BUCKET must be a bucket name: 3-63 lowercase letters, digits, dots and hyphens',
      })
      .optional(),
  ),
  KINDLY_SEGMENT_PREFIX: z
    .string()
    .regex(/^[A-Za-z0-9._/-]*$/, { error: 'KINDLY_SEGMENT_PREFIX may only hold letters, digits, . _ - and /' })
    .default(''),
  KINDLY_PUBLIC_BASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^https?:\/\/\S+$/, { error: 'KINDLY_PUBLIC_BASE_URL must look like https://pay-video.example.com' })
      .optional(),
  ),
  KINDLY_TRACK_BASE_URL: optionalText.pipe(
    z
      .string()
      .regex(/^https?:\/\/\S+$/, {
        error: 'KINDLY_TRACK_BASE_URL must be the public address of kindly serve, like https://kindly-api.example.com',
      })
      .optional(),
  ),
  AWS_ACCESS_KEY_ID: optionalText,
  AWS_SECRET_ACCESS_KEY: optionalText,
  KINDLY_TRACK_RATE_LIMIT: z.coerce.number().int().min(1).max(10_000_000).default(600),
  KINDLY_WEBHOOK_SECRET: optionalText.pipe(
    z.string().min(16, { error: 'KINDLY_WEBHOOK_SECRET must be at least 16 characters' }).optional(),
  ),
});

/** Where the CDN origin bucket is and how to reach it (only when KINDLY_S3_BUCKET is set). */
export type S3Config = {
  bucket: string;
  /** Unset for AWS S3 itself; the origin of R2, MinIO or another S3-compatible service. */
  endpoint: string | undefined;
  /** A folder inside the bucket ('' for its root), without leading or trailing slashes. */
  prefix: string;
  region: string;
  forcePathStyle: boolean;
  /** Unset: the AWS SDK's own chain (instance or task role, shared config files). */
  accessKeyId: string | undefined;
  secretAccessKey: string | undefined;
};

/** Kindly's settings, read from the environment once at start. */
export type Config = {
  dataDir: string;
  browserExecutable: string | undefined;
  apiKey: string | undefined;
  host: string;
  port: number;
  renderConcurrency: number | undefined;
  logLevel: z.output<typeof envSchema>['KINDLY_LOG_LEVEL'];
  /** With it, render jobs go through BullMQ on Redis; without, they run in-process. */
  redisUrl: string | undefined;
  queuePrefix: string;
  workerConcurrency: number;
  /** A worker's browser is reopened after this many renders. */
  recycleEvery: number;
  jobAttempts: number;
  /** Where a worker serves its /metrics (0: not served). */
  workerMetricsPort: number;
  /** Behind a load balancer or CDN: take the visitor's address from X-Forwarded-For (rate limits per visitor). */
  /**
   * Behind proxies: how many hops of X-Forwarded-For to trust (rate limits per visitor), or true
   * for all of them. A number is safer: with true the left-most address, which the visitor can
   * write, is taken as theirs.
   */
  trustProxy: boolean | number;
  /** How often the API re-enqueues work the queue lost. */
  sweepSeconds: number;
  /** Audit log entries older than this many days are deleted by the hourly expiry. */
  auditRetentionDays: number;
  /** A render silent this long is taken as lost and queued again. */
  staleSeconds: number;
  /** With it, the store is this PostgreSQL database; without, the embedded PGlite in `dataDir`. */
  databaseUrl: string | undefined;
  /** With it, pages and videos go to this bucket; without, to the local site folder. */
  s3: S3Config | undefined;
  /**
   * With it, rendered segments are shared through this private bucket (same endpoint and
   * credentials as the CDN bucket), so every worker of a farm renders a shared scene once;
   * without, each machine keeps its own segment folder in `dataDir`.
   */
  segmentStore: S3Config | undefined;
  /** Where the published site is reached (the CDN in front of the bucket), without a trailing slash. */
  publicBaseUrl: string | undefined;
  /** The public address of `kindly serve`, which pages report events and clicks to (default: the public base URL). */
  trackBaseUrl: string | undefined;
  /** Tracking requests per minute from one address. */
  trackRateLimit: number;
  /** Signs payment webhooks of campaigns without a secret of their own. */
  webhookSecret: string | undefined;
};

/** Parses the environment (the only place that reads it) into a Config, naming any bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new InputError({
      problem: `${name} is not valid: ${issue?.message ?? 'unknown problem'}`,
      value: env[name] && maskUrlPassword(env[name]),
      fix: `Fix or unset ${name}`,
    });
  }
  const values = parsed.data;
  return {
    ...readStorageSettings(values, env),
    dataDir: path.resolve(values.KINDLY_DATA_DIR),
    browserExecutable: values.KINDLY_BROWSER,
    apiKey: values.KINDLY_API_KEY,
    host: values.KINDLY_HOST,
    port: values.KINDLY_PORT,
    renderConcurrency: values.KINDLY_RENDER_CONCURRENCY,
    logLevel: values.KINDLY_LOG_LEVEL,
    redisUrl: values.REDIS_URL,
    queuePrefix: values.KINDLY_QUEUE_PREFIX,
    workerConcurrency: values.KINDLY_WORKER_CONCURRENCY,
    recycleEvery: values.KINDLY_RECYCLE_EVERY,
    jobAttempts: values.KINDLY_JOB_ATTEMPTS,
    workerMetricsPort: values.KINDLY_WORKER_METRICS_PORT,
    trustProxy:
      values.KINDLY_TRUST_PROXY === 'true'
        ? true
        : values.KINDLY_TRUST_PROXY === 'false'
          ? false
          : Number(values.KINDLY_TRUST_PROXY),
    sweepSeconds: values.KINDLY_SWEEP_SECONDS,
    auditRetentionDays: values.KINDLY_AUDIT_RETENTION_DAYS,
    staleSeconds: values.KINDLY_STALE_SECONDS,
    trackRateLimit: values.KINDLY_TRACK_RATE_LIMIT,
    webhookSecret: values.KINDLY_WEBHOOK_SECRET,
  };
}

function readStorageSettings(
  values: z.output<typeof envSchema>,
  env: NodeJS.ProcessEnv,
): Pick<Config, 'databaseUrl' | 's3' | 'segmentStore' | 'publicBaseUrl' | 'trackBaseUrl'> {
  if (Boolean(values.AWS_ACCESS_KEY_ID) !== Boolean(values.AWS_SECRET_ACCESS_KEY)) {
    const name = values.AWS_ACCESS_KEY_ID ? 'AWS_SECRET_ACCESS_KEY' : 'AWS_ACCESS_KEY_ID';
    throw new InputError({
      problem: `${name} is not set, but its partner is`,
      fix: 'Set both AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or neither (to use an instance role)',
    });
  }
  // S3 settings without a bucket would silently publish to the local folder instead.
  const stray = (['KINDLY_S3_ENDPOINT', 'KINDLY_S3_PREFIX'] as const).find(
    (name) => !values.KINDLY_S3_BUCKET && !(name === 'KINDLY_S3_ENDPOINT' && values.KINDLY_SEGMENT_BUCKET) && env[name],
  );
  if (stray)
    throw new InputError({
      problem: `${stray} is set but KINDLY_S3_BUCKET is not`,
      value: env[stray],
      fix: `Set KINDLY_S3_BUCKET too, or unset ${stray} to publish to the local folder`,
    });
  if (values.KINDLY_SEGMENT_BUCKET && values.KINDLY_SEGMENT_BUCKET === values.KINDLY_S3_BUCKET) {
    throw new InputError({
      problem: 'KINDLY_SEGMENT_BUCKET is the CDN bucket: personal video segments would be published',
      value: values.KINDLY_SEGMENT_BUCKET,
      fix: 'Use a private bucket for segments, one the CDN does not serve',
    });
  }
  const bucketSettings = (bucket: string, prefix: string): S3Config => ({
    bucket,
    endpoint: values.KINDLY_S3_ENDPOINT?.replace(/\/$/, ''),
    prefix: prefix.replace(/^\/+|\/+$/g, ''),
    region: values.KINDLY_S3_REGION,
    // Most S3-compatible services (MinIO, local test servers) only answer path-style requests.
    forcePathStyle: values.KINDLY_S3_FORCE_PATH_STYLE
      ? values.KINDLY_S3_FORCE_PATH_STYLE === 'true'
      : values.KINDLY_S3_ENDPOINT !== undefined,
    accessKeyId: values.AWS_ACCESS_KEY_ID,
    secretAccessKey: values.AWS_SECRET_ACCESS_KEY,
  });
  return {
    databaseUrl: values.DATABASE_URL,
    s3: values.KINDLY_S3_BUCKET ? bucketSettings(values.KINDLY_S3_BUCKET, values.KINDLY_S3_PREFIX) : undefined,
    segmentStore: values.KINDLY_SEGMENT_BUCKET
      ? bucketSettings(values.KINDLY_SEGMENT_BUCKET, values.KINDLY_SEGMENT_PREFIX)
      : undefined,
    publicBaseUrl: values.KINDLY_PUBLIC_BASE_URL?.replace(/\/+$/, ''),
    trackBaseUrl: values.KINDLY_TRACK_BASE_URL?.replace(/\/+$/, ''),
  };
}
