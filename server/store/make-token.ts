import crypto from 'node:crypto';

/** A personal link's secret: 128 random bits, URL-safe, never derived from the record. */
export function makeToken(): string {
  return crypto.randomBytes(16).toString('base64url');
}

/** The opaque reference passed to the payment page, so a payment can be matched without personal data in the URL. */
export function makePayRef(): string {
  return crypto.randomBytes(12).toString('base64url');
}
