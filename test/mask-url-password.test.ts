import { describe, expect, it } from 'vitest';
import { loadConfig } from '../server/config.ts';
import { maskUrlPassword } from '../server/mask-url-password.ts';

describe('a URL password in a message', () => {
  it('is replaced by *** and the rest of the URL stays', () => {
    expect(maskUrlPassword('postgres://kindly:s3cr3t@db.example.com:5432/kindly')).toBe(
      'postgres://kindly:***@db.example.com:5432/kindly',
    );
    expect(maskUrlPassword('redis://:pa:ss@127.0.0.1:6379')).toBe('redis://:***@127.0.0.1:6379');
  });

  it('leaves a URL without a password and plain text as they were', () => {
    expect(maskUrlPassword('postgres://kindly@db:5432/kindly')).toBe('postgres://kindly@db:5432/kindly');
    expect(maskUrlPassword('not a url')).toBe('not a url');
  });

  it('never reaches the error of a bad DATABASE_URL', () => {
    const error = (() => {
      try {
        loadConfig({ DATABASE_URL: 'mysql://kindly:s3cr3t@db:3306/kindly' });
      } catch (caught) {
        return caught as Error;
      }
    })();
    expect(error?.message).toContain('mysql://kindly:***@db:3306/kindly');
    expect(error?.message).not.toContain('s3cr3t');
  });
});
