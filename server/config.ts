import path from 'node:path';
import { z } from 'zod';
import { InputError } from './errors.ts';

const optionalText = z.preprocess((value) => (value === '' ? undefined : value), z.string().optional());

const envSchema = z.object({
  KINDLY_DATA_DIR: z.string().default('.kindly'),
  KINDLY_BROWSER: optionalText,
  KINDLY_API_KEY: optionalText.pipe(z.string().min(16, { error: 'KINDLY_API_KEY must be at least 16 characters' }).optional()),
  KINDLY_HOST: z.string().default('127.0.0.1'),
  KINDLY_PORT: z.coerce.number().int().min(0).max(65535).default(8080),
  KINDLY_RENDER_CONCURRENCY: z.preprocess((value) => (value === '' ? undefined : value), z.coerce.number().int().min(1).max(64).optional()),
  KINDLY_LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).default('info'),
});

/** Kindly's settings, read from the environment once at start. */
export type Config = {
  dataDir: string;
  browserExecutable: string | undefined;
  apiKey: string | undefined;
  host: string;
  port: number;
  renderConcurrency: number | undefined;
  logLevel: z.output<typeof envSchema>['KINDLY_LOG_LEVEL'];
};

/** Parses the environment (the only place that reads it) into a Config, naming any bad variable. */
export function loadConfig(env: NodeJS.ProcessEnv = process.env): Config {
  const parsed = envSchema.safeParse(env);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const name = String(issue?.path[0] ?? 'environment');
    throw new InputError({ problem: `${name} is not valid: ${issue?.message ?? 'unknown problem'}`, value: env[name], fix: `Fix or unset ${name}` });
  }
  const values = parsed.data;
  return {
    dataDir: path.resolve(values.KINDLY_DATA_DIR),
    browserExecutable: values.KINDLY_BROWSER,
    apiKey: values.KINDLY_API_KEY,
    host: values.KINDLY_HOST,
    port: values.KINDLY_PORT,
    renderConcurrency: values.KINDLY_RENDER_CONCURRENCY,
    logLevel: values.KINDLY_LOG_LEVEL,
  };
}
