/**
 * A URL with its password replaced by `***` (`postgres://kindly:***@db:5432/kindly`), so it can
 * go into a message or a log. Anything else comes back as it was.
 */
export function maskUrlPassword(value: string): string {
  return value.replace(/^([^:]+:\/\/[^:/@]*:)[^@]*@/, '$1***@');
}
