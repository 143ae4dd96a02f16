import { createHmac } from 'node:crypto';

/** Header carrying the signature of a webhook body. */
export const SIGNATURE_HEADER = 'x-breakeven-signature';

/**
 * `sha256=` + hex HMAC-SHA256 of the exact body bytes under `secret` (GitHub's webhook
 * convention). Receivers recompute it over the raw body and compare in constant time.
 * Example: signBody('{}', 'k') = 'sha256=' + HMAC_SHA256('k', '{}') in hex.
 */
export function signBody(body: string, secret: string): string {
  return `sha256=${createHmac('sha256', secret).update(body, 'utf8').digest('hex')}`;
}
