import crypto from 'node:crypto';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';

const setpriv = '/usr/bin/setpriv';

/**
 * The browser executable, wrapped so that the browser dies with the process that launched it.
 *
 * Remotion and puppeteer launch Chromium as a child and close it on a clean exit; a worker that
 * is killed (OOM, SIGKILL, a crash) used to leave its browsers running, reparented to init,
 * ~100 MB each. The wrapper asks the kernel for a parent-death signal (`setpriv --pdeathsig KILL`,
 * util-linux) and then execs the browser, so the browser keeps the launcher as its parent and is
 * killed the moment the launcher dies; its renderer and GPU processes exit when their browser
 * goes. Where setpriv is missing (not Linux), the browser is returned as it is. A configured
 * browser that is a launcher script starting the binary as its child (not with `exec`) escapes
 * the tie: configure the binary itself.
 */
export function tieBrowserToProcess(options: { browser: string }): string {
  if (process.platform !== 'linux' || !fs.existsSync(setpriv)) return options.browser;
  const digest = crypto.createHash('sha256').update(options.browser).digest('hex').slice(0, 12);
  const dir = findPrivateDir();
  const wrapper = path.join(dir, `${path.basename(options.browser)}-${digest}`);
  const script = `#!/bin/sh\nexec ${setpriv} --pdeathsig KILL -- ${quote(options.browser)} "$@"\n`;
  if (readText(wrapper) === script) return wrapper;
  // Several processes may start at once: each writes its own file and renames it into place.
  const temporary = `${wrapper}.${process.pid}.${crypto.randomBytes(4).toString('hex')}`;
  fs.writeFileSync(temporary, script, { mode: 0o755 });
  fs.renameSync(temporary, wrapper);
  return wrapper;
}

/**
 * A folder for the wrapper that only this user can write to: the browser runs whatever file is
 * there. The shared one in the temp folder is used when it is ours alone (a folder another user
 * made first, or one others may write to, is not); otherwise a fresh one for this process.
 */
function findPrivateDir(): string {
  const dir = path.join(os.tmpdir(), `kindly-browser-${process.getuid?.() ?? 'user'}`);
  fs.mkdirSync(dir, { recursive: true, mode: 0o700 });
  const stat = fs.lstatSync(dir);
  if (stat.isDirectory() && stat.uid === process.getuid?.() && (stat.mode & 0o077) === 0) return dir;
  return fs.mkdtempSync(path.join(os.tmpdir(), 'kindly-browser-'));
}

const quote = (text: string) => `'${text.replace(/'/g, `'\\''`)}'`;

function readText(file: string): string | undefined {
  try {
    return fs.readFileSync(file, 'utf8');
  } catch {
    return undefined;
  }
}
