/**
 * NOTIFY_ALLOWED_HOSTS: comma-separated host names (`hooks.example.com`), `*.example.com` for
 * any subdomain, or empty for any host (docs/runs.md explains the SSRF risk of that default).
 */
export function parseAllowedHosts(text: string): string[] {
  return text
    .split(',')
    .map((h) => h.trim().toLowerCase())
    .filter((h) => h.length > 0);
}

/** Why `url` may not receive webhooks, or null when it may: http/https only, host on the list. */
export function urlRefusal(url: string, allowedHosts: readonly string[]): string | null {
  let parsed: URL;
  try {
    parsed = new URL(url);
  } catch {
    return 'must be an absolute http or https URL';
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return 'must use http or https';
  if (parsed.username || parsed.password) return 'must not carry credentials';
  if (allowedHosts.length === 0) return null;
  const host = parsed.hostname.toLowerCase().replace(/^\[|\]$/g, '');
  const allowed = allowedHosts.some((h) => (h.startsWith('*.') ? host.endsWith(h.slice(1)) : host === h));
  return allowed ? null : `host '${host}' is not in NOTIFY_ALLOWED_HOSTS`;
}
