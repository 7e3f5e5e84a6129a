import { BlockList, isIP } from 'node:net';
import type { Bilingual } from '@fangkong/domain';
import { NOTIFICATIONS_TEXTS } from './texts.js';

/**
 * Where robots and webhooks may post (issue 15, item 6). Messages carry names and temperatures of
 * fever cases, so an address is only good if the configuration names its host: `hosts` (the WeCom
 * and DingTalk robot hosts by default) must also resolve to public addresses, `internalHosts` (an
 * intranet SMS gateway, say) may be loopback or private. Everything else is refused when a rule is
 * saved and again when a message is sent, since the configuration or the DNS may have changed.
 */
export interface WebhookAllow {
  webhookHosts: readonly string[];
  webhookInternalHosts: readonly string[];
}

/** The channels whose rules post to an address over HTTP. */
export const HTTP_CHANNELS = ['wecom', 'dingtalk', 'webhook'] as const;
export function isHttpChannel(channel: string): channel is (typeof HTTP_CHANNELS)[number] {
  return (HTTP_CHANNELS as readonly string[]).includes(channel);
}

/** IPv4 ranges that are not the public internet (RFC 6890 and friends). */
const INTERNAL_V4: [string, number][] = [
  ['0.0.0.0', 8], ['10.0.0.0', 8], ['100.64.0.0', 10], ['127.0.0.0', 8], ['169.254.0.0', 16], ['172.16.0.0', 12], ['192.0.0.0', 24],
  ['192.0.2.0', 24], ['192.168.0.0', 16], ['198.18.0.0', 15], ['198.51.100.0', 24], ['203.0.113.0', 24], ['224.0.0.0', 4], ['240.0.0.0', 4],
];
/** IPv6: unspecified, loopback, unique-local, link-local, site-local, multicast, documentation. */
const INTERNAL_V6: [string, number][] = [['::', 128], ['::1', 128], ['fc00::', 7], ['fe80::', 10], ['fec0::', 10], ['ff00::', 8], ['2001:db8::', 32]];

const internal = new BlockList();
for (const [a, n] of INTERNAL_V4) {
  internal.addSubnet(a, n, 'ipv4');
  // The same IPv4 range carried inside IPv6: NAT64 (64:ff9b::/96) and 6to4 (2002::/16). IPv4-mapped
  // addresses (::ffff:a.b.c.d) BlockList matches against the IPv4 rules itself.
  const [w, x, y, z] = a.split('.').map(Number) as [number, number, number, number];
  const hi = ((w << 8) | x).toString(16);
  const lo = ((y << 8) | z).toString(16);
  internal.addSubnet(`64:ff9b::${hi}:${lo}`, 96 + n, 'ipv6');
  internal.addSubnet(`2002:${hi}:${lo}::`, 16 + n, 'ipv6');
}
for (const [a, n] of INTERNAL_V6) internal.addSubnet(a, n, 'ipv6');

/** Whether an IP address is loopback, private, link-local, unique-local, CGNAT, unspecified or otherwise not public. */
export function isInternalAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 0) return true;
  return internal.check(ip, family === 4 ? 'ipv4' : 'ipv6');
}

const bare = (host: string) => host.toLowerCase().replace(/^\[(.*)\]$/, '$1');

/** Whether a configured list names a host: exactly, or `*.example.cn` for its subdomains. */
function listed(list: readonly string[], host: string): boolean {
  const h = bare(host);
  return list.some((entry) => {
    const e = bare(entry);
    return e === h || (e.startsWith('*.') && h.endsWith(e.slice(1)));
  });
}

export function allowedInternal(allow: WebhookAllow, host: string): boolean {
  return listed(allow.webhookInternalHosts, host);
}

/** Why an address may not receive messages, in both languages; null when it may. */
export function webhookTargetProblem(target: string, allow: WebhookAllow): Bilingual | null {
  let url: URL;
  try {
    url = new URL(target);
  } catch {
    return NOTIFICATIONS_TEXTS.invalid_address;
  }
  if (url.protocol !== 'https:' && url.protocol !== 'http:') return NOTIFICATIONS_TEXTS.not_http;
  // Credentials in the address are refused whatever the host: they are secrets a rule would show,
  // and `https://allowed.host@elsewhere/` is the classic way to make one host read as another.
  if (url.username || url.password) return NOTIFICATIONS_TEXTS.credentials_in_address;
  const host = bare(url.hostname);
  if (allowedInternal(allow, host)) return null;
  if (isIP(host) && isInternalAddress(host)) {
    return NOTIFICATIONS_TEXTS.internal_address;
  }
  if (!listed(allow.webhookHosts, host)) {
    const hosts = allow.webhookHosts.join(', ') || '—';
    return NOTIFICATIONS_TEXTS.host_not_allowed(hosts);
  }
  return null;
}
