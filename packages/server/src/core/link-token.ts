import { randomBytes } from 'node:crypto';

/**
 * A fresh capability for a public link (a site's visitor poster, a mourning event's register):
 * whoever holds it may use the page, so it is random, long enough not to be guessed (144 bits)
 * and URL-safe, as it is printed into a QR code.
 */
export function newLinkToken(): string {
  return randomBytes(18).toString('base64url');
}
