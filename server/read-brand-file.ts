import fs from 'node:fs/promises';
import path from 'node:path';
import { brandKitSchema, type BrandKit } from '../templates/brand/brand-kit.ts';
import { toLogoDataUrl } from '../templates/brand/check-logo.ts';
import { InputError } from './errors.ts';

/**
 * A brand kit from a JSON file (`kindly render --brand brand.json`). Its `logo` is a path to an
 * SVG or PNG file, relative to the JSON file (or already a data URL). Every problem — unreadable
 * file, wrong type, colours too close to read — is refused naming the value and the fix.
 */
export async function readBrandFile(file: string): Promise<BrandKit> {
  const text = await fs.readFile(file, 'utf8').catch(() => {
    throw new InputError({
      problem: 'The brand file cannot be read',
      value: file,
      fix: 'Check the path passed to --brand',
    });
  });
  let raw: unknown;
  try {
    raw = JSON.parse(text);
  } catch (error) {
    throw new InputError({
      problem: `The brand file is not JSON: ${(error as Error).message}`,
      value: file,
      fix: 'Write it as {"senderName": "…", "colors": {…}, "logo": "logo.svg"}',
    });
  }
  if (
    raw &&
    typeof raw === 'object' &&
    'logo' in raw &&
    typeof raw.logo === 'string' &&
    !raw.logo.startsWith('data:')
  ) {
    const logoPath = path.resolve(path.dirname(file), raw.logo);
    const bytes = await fs.readFile(logoPath).catch(() => {
      throw new InputError({
        problem: 'The brand logo file cannot be read',
        value: logoPath,
        fix: 'Put the logo path relative to the brand file, or an absolute path',
      });
    });
    const dataUrl = toLogoDataUrl({ fileName: logoPath, bytes });
    if (!dataUrl)
      throw new InputError({
        problem: 'The brand logo is neither SVG nor PNG',
        value: logoPath,
        fix: 'Export the logo as .svg or .png',
      });
    raw = { ...raw, logo: dataUrl };
  }
  return parseBrandKit({ value: raw, source: file });
}

/** A brand kit, or an InputError listing every problem of it (from a file or a request). */
export function parseBrandKit(options: { value: unknown; source: string }): BrandKit {
  const parsed = brandKitSchema.safeParse(options.value);
  if (parsed.success) return parsed.data;
  const problems = parsed.error.issues.map((issue) => `${issue.path.join('.') || 'brand'}: ${issue.message}`);
  throw new InputError({
    problem: `The brand kit is refused: ${problems.join('; ')}`,
    value: options.source,
    fix: 'Fix the brand kit as each problem says and run again',
  });
}
