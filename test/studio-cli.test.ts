import fs from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;

beforeAll(async () => {
  temp = await makeTempDir('studio-cli');
});

afterAll(async () => {
  await temp.remove();
});

it('kindly render --template-version refuses a version nobody saved, listing the ones there are', async () => {
  const file = path.join(temp.dir, 'ok.csv');
  await fs.writeFile(file, 'id,name,amount,due_date,invoice\n1,Anna,10,2027-01-01,F1\n');
  const result = await runCli({
    args: [
      'render',
      '--template',
      'gentle-reminder',
      '--records',
      file,
      '--out',
      path.join(temp.dir, 'out'),
      '--template-version',
      '1.0.0+9',
    ],
    env: { KINDLY_DATA_DIR: path.join(temp.dir, 'data') },
    timeoutMs: 240_000,
  });
  expect(result.code).toBe(1);
  expect(result.stderr).toContain(
    'kindly: Template gentle-reminder has no version with this label (got "1.0.0+9"). Use 1.0.0, or save a version in the studio',
  );
}, 300_000);
