import { BlockList, isIP } from 'node:net';

/**
 * Addresses a webhook may not reach unless private addresses are allowed: loopback, the private
 * ranges, link-local (cloud metadata services live there), carrier-grade NAT, "this network",
 * benchmarking, multicast and reserved space. IPv4-mapped IPv6 addresses match the IPv4 ranges.
 */
const REFUSED = new BlockList();
for (const [net, bits] of [
  ['0.0.0.0', 8],
  ['10.0.0.0', 8],
  ['100.64.0.0', 10],
  ['127.0.0.0', 8],
  ['169.254.0.0', 16],
  ['172.16.0.0', 12],
  ['192.0.0.0', 24],
  ['192.168.0.0', 16],
  ['198.18.0.0', 15],
  ['224.0.0.0', 4],
  ['240.0.0.0', 4],
] as const) {
  REFUSED.addSubnet(net, bits, 'ipv4');
}
for (const [net, bits] of [
  ['::', 128],
  ['::1', 128],
  ['fc00::', 7],
  ['fe80::', 10],
  ['fec0::', 10],
  ['ff00::', 8],
] as const) {
  REFUSED.addSubnet(net, bits, 'ipv6');
}

const NAT64 = '64:ff9b::';

/** The IPv4 address a NAT64 address (64:ff9b::/96) stands for, or null. */
function nat64Target(ip: string): string | null {
  const lower = ip.toLowerCase();
  if (!lower.startsWith(NAT64)) return null;
  const tail = lower.slice(NAT64.length);
  if (isIP(tail) === 4) return tail;
  const groups = tail.split(':');
  if (groups.length > 2 || groups.some((g) => !/^[0-9a-f]{1,4}$/.test(g))) return null;
  const value = groups.reduce((acc, g) => acc * 0x10000 + Number.parseInt(g, 16), 0);
  return [24, 16, 8, 0].map((shift) => Math.floor(value / 2 ** shift) % 256).join('.');
}

/** True for an IP address in a loopback, private, link-local or reserved range; false for anything else. */
export function isPrivateAddress(ip: string): boolean {
  const family = isIP(ip);
  if (family === 4) return REFUSED.check(ip, 'ipv4');
  if (family !== 6) return false;
  const mapped = nat64Target(ip);
  if (mapped) return REFUSED.check(mapped, 'ipv4');
  return REFUSED.check(ip, 'ipv6');
}

/** The host of a URL as an address or name: IPv6 brackets removed, a trailing dot dropped, lower case. */
export function urlHost(url: URL): string {
  const host = url.hostname.toLowerCase();
  const bare = host.startsWith('[') && host.endsWith(']') ? host.slice(1, -1) : host;
  return bare.endsWith('.') ? bare.slice(0, -1) : bare;
}

/**
 * True when the host is refused without asking DNS: a private address literal, or a name that
 * always means this machine (`localhost`, `*.localhost`). Other names are checked at delivery,
 * against the addresses they resolve to.
 */
export function isPrivateHost(host: string): boolean {
  if (isIP(host) !== 0) return isPrivateAddress(host);
  return host === 'localhost' || host.endsWith('.localhost');
}
