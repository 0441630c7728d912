import fs from 'node:fs/promises';
import path from 'node:path';
import iconv from 'iconv-lite';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

let temp: Awaited<ReturnType<typeof makeTempDir>>;
const render = (records: string, extra: string[] = []) =>
  runCli({
    args: [
      'render',
      '--template',
      'gentle-reminder',
      '--records',
      records,
      '--out',
      path.join(temp.dir, 'out'),
      ...extra,
    ],
    env: { KINDLY_DATA_DIR: path.join(temp.dir, 'data') },
    timeoutMs: 60_000,
  });

beforeAll(async () => {
  temp = await makeTempDir('cli');
});

afterAll(async () => {
  await temp.remove();
});

// Each case starts the real CLI (TypeScript compiled on the fly): allow for a cold start on a busy machine.
describe('kindly render refuses unusable input with a clear message and a non-zero exit', { timeout: 120_000 }, () => {
  it('a missing records file', async () => {
    const result = await render(path.join(temp.dir, 'nope.csv'));
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kindly: The records file does not exist');
    expect(result.stderr).toContain('nope.csv');
  });

  it('an unknown template', async () => {
    const file = path.join(temp.dir, 'ok.csv');
    await fs.writeFile(file, 'id,name,amount,due_date,invoice\n1,Anna,10,2027-01-01,F1\n');
    const result = await runCli({
      args: ['render', '--template', 'nope', '--records', file, '--out', temp.dir],
      env: { KINDLY_DATA_DIR: path.join(temp.dir, 'data') },
    });
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('kindly: Unknown template (got "nope"). Use one of: gentle-reminder');
  });

  it('an unknown video delivery, naming it and the choices', async () => {
    const file = path.join(temp.dir, 'video.csv');
    await fs.writeFile(file, 'id,name,amount,due_date,invoice\n1,Anna,10,2027-01-01,F1\n');
    const result = await render(file, ['--video', 'webm']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/kindly: Unknown video delivery \(got "webm"\)\. Use mp4 .* or hls /);
  });

  it('a browser that cannot start: the recipient fails and the command still ends by itself', async () => {
    const file = path.join(temp.dir, 'no-browser.csv');
    await fs.writeFile(file, 'id,name,amount,due_date,invoice\n1,Anna,10,2027-01-01,F1\n');
    const result = await runCli({
      args: ['render', '--template', 'gentle-reminder', '--records', file, '--out', path.join(temp.dir, 'no-browser')],
      env: { KINDLY_DATA_DIR: path.join(temp.dir, 'no-browser-data'), KINDLY_BROWSER: '/bin/false' },
      timeoutMs: 110_000,
    });
    expect(result.signal).toBeNull();
    expect(result.stdout + result.stderr).toMatch(/published 0, failed 1/);
  });

  it('a file with no valid row, and says where the reasons are', async () => {
    const file = path.join(temp.dir, 'bad.csv');
    await fs.writeFile(file, 'id,name,amount,due_date,invoice\n1,Anna,-10,2027-01-01,F1\n2,Bo,abc,2027-01-01,F2\n');
    const result = await render(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('No valid row in the records file: 2 of 2 rejected');
    const rejects = await fs.readFile(path.join(temp.dir, 'out', 'rejects.csv'), 'utf8');
    expect(rejects.trim().split('\n')).toHaveLength(3);
  });

  it('an unreadable encoding (UTF-16)', async () => {
    const file = path.join(temp.dir, 'utf16.csv');
    await fs.writeFile(
      file,
      iconv.encode('id,name,amount,due_date,invoice\n1,Anna,10,2027-01-01,F1\n', 'utf16le', { addBOM: true }),
    );
    const result = await render(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/kindly: .*UTF-16/);
  });

  it('a bad pay URL', async () => {
    const file = path.join(temp.dir, 'ok.csv');
    const result = await render(file, ['--pay-url', 'javascript:alert(1)']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('--pay-url must be an http or https URL (got "javascript:alert(1)")');
  });

  it('a missing required column, naming it and the fix', async () => {
    const file = path.join(temp.dir, 'nocol.csv');
    await fs.writeFile(file, 'id,name,due_date,invoice\n1,Anna,2027-01-01,F1\n');
    const result = await render(file);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('amount');
    expect(result.stderr).toContain('--map');
  });
});
