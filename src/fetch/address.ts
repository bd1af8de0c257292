/**
 * IP address literals and the ranges an outbound request must never reach.
 *
 * URL hosts are parsed as the WHATWG URL Standard does (§3.5 "IPv4 parser", §3.4 "IPv6 parser"), so
 * every spelling of an address is the same number here: `2130706433`, `0177.0.0.1`, `0x7f.1`,
 * `127.1` and `127.0.0.1` are all 0x7f000001, and `[::ffff:127.0.0.1]` is `[::ffff:7f00:1]`. URL
 * parsing in workerd and Node already normalizes IPv4 spellings; parsing them again here means the
 * policy does not depend on that.
 */

/** A block of the IANA special-purpose registries (RFC 6890 and its updates), with why it is blocked. */
type Block4 = { base: number; bits: number; name: string };
type Block6 = { base: bigint; bits: number; name: string };

const v4 = (dotted: string, bits: number, name: string): Block4 => ({ base: parseIpv4(dotted)!, bits, name });
const v6 = (text: string, bits: number, name: string): Block6 => ({ base: parseIpv6(text)!, bits, name });

/** IANA IPv4 Special-Purpose Address Registry, plus multicast and the reserved 240/4. */
const BLOCKED_IPV4: readonly Block4[] = [
  v4("0.0.0.0", 8, "unspecified / this network (RFC 791)"),
  v4("10.0.0.0", 8, "private (RFC 1918)"),
  v4("100.64.0.0", 10, "shared address space, CGNAT (RFC 6598)"),
  v4("127.0.0.0", 8, "loopback (RFC 1122)"),
  v4("169.254.0.0", 16, "link-local, cloud metadata (RFC 3927)"),
  v4("172.16.0.0", 12, "private (RFC 1918)"),
  v4("192.0.0.0", 24, "IETF protocol assignments (RFC 6890)"),
  v4("192.0.2.0", 24, "documentation, TEST-NET-1 (RFC 5737)"),
  v4("192.88.99.0", 24, "6to4 relay anycast (RFC 7526)"),
  v4("192.168.0.0", 16, "private (RFC 1918)"),
  v4("198.18.0.0", 15, "benchmarking (RFC 2544)"),
  v4("198.51.100.0", 24, "documentation, TEST-NET-2 (RFC 5737)"),
  v4("203.0.113.0", 24, "documentation, TEST-NET-3 (RFC 5737)"),
  v4("224.0.0.0", 4, "multicast (RFC 5771)"),
  v4("240.0.0.0", 4, "reserved, broadcast (RFC 1112, RFC 919)"),
];

/**
 * Only global unicast (2000::/3, RFC 4291 §2.4) is reachable, so loopback, unspecified, IPv4-mapped
 * and -compatible, NAT64, link-local, ULA and multicast are all out. Inside 2000::/3 these are
 * blocked too: they are special-purpose or carry an IPv4 address that could be a private one.
 */
const GLOBAL_UNICAST = v6("2000::", 3, "global unicast");
const BLOCKED_IPV6: readonly Block6[] = [
  v6("2001::", 23, "IETF protocol assignments, Teredo (RFC 2928, RFC 4380)"),
  v6("2001:db8::", 32, "documentation (RFC 3849)"),
  v6("2002::", 16, "6to4, embeds an IPv4 address (RFC 3056)"),
  v6("3fff::", 20, "documentation (RFC 9637)"),
];

/** Why an address literal is not a public target, or undefined when it is one. */
export function blockedAddress(host: string): string | undefined {
  if (host.startsWith("[") && host.endsWith("]")) {
    const address = parseIpv6(host.slice(1, -1));
    if (address === undefined) return "an IPv6 address that cannot be parsed";
    if (!inBlock6(address, GLOBAL_UNICAST)) return `an IPv6 address outside global unicast 2000::/3 (${describe6(address)})`;
    const block = BLOCKED_IPV6.find((b) => inBlock6(address, b));
    return block ? `an IPv6 address in a special-purpose range: ${block.name}` : undefined;
  }
  const address = parseIpv4(host);
  if (address === undefined) return undefined; // a name, not an address
  const block = BLOCKED_IPV4.find((b) => address >>> (32 - b.bits) === b.base >>> (32 - b.bits));
  return block ? `an IPv4 address in a special-purpose range: ${block.name}` : undefined;
}

/**
 * WHATWG URL §3.5 "IPv4 parser": one to four parts, each decimal, octal (leading 0) or hex (0x);
 * the last part fills the remaining bytes. undefined when the host is not an IPv4 address.
 */
export function parseIpv4(host: string): number | undefined {
  const parts = host.split(".");
  if (parts.at(-1) === "") parts.pop(); // one trailing dot is allowed
  if (parts.length === 0 || parts.length > 4) return undefined;
  const numbers: number[] = [];
  for (const part of parts) {
    const value = parseIpv4Number(part);
    if (value === undefined) return undefined;
    numbers.push(value);
  }
  const last = numbers.pop()!;
  if (numbers.some((n) => n > 255) || last >= 256 ** (4 - numbers.length)) return undefined;
  return numbers.reduce((sum, n, i) => sum + n * 256 ** (3 - i), 0) + last;
}

function parseIpv4Number(part: string): number | undefined {
  if (/^0[xX][0-9a-fA-F]*$/.test(part)) return part.length === 2 ? 0 : parseInt(part.slice(2), 16);
  if (/^0[0-7]+$/.test(part)) return parseInt(part.slice(1), 8);
  if (/^(0|[1-9][0-9]*)$/.test(part)) return Number(part);
  return undefined;
}

/** RFC 4291 §2.2 text forms (`::` compression, a trailing dotted IPv4) as a 128-bit number. */
export function parseIpv6(text: string): bigint | undefined {
  const halves = text.toLowerCase().split("::");
  if (halves.length > 2) return undefined;
  const groups = (half: string): number[] | undefined => {
    if (half === "") return [];
    const out: number[] = [];
    const pieces = half.split(":");
    for (const [i, piece] of pieces.entries()) {
      if (i === pieces.length - 1 && piece.includes(".")) {
        const ipv4 = /^\d{1,3}(\.\d{1,3}){3}$/.test(piece) ? parseIpv4(piece) : undefined;
        if (ipv4 === undefined || piece.split(".").some((p) => p.length > 1 && p.startsWith("0"))) return undefined;
        out.push(ipv4 >>> 16, ipv4 & 0xffff);
      } else if (/^[0-9a-f]{1,4}$/.test(piece)) {
        out.push(parseInt(piece, 16));
      } else {
        return undefined;
      }
    }
    return out;
  };
  const head = groups(halves[0]!);
  const tail = halves.length === 2 ? groups(halves[1]!) : [];
  if (!head || !tail) return undefined;
  const missing = 8 - head.length - tail.length;
  if (halves.length === 2 ? missing < 1 : missing !== 0) return undefined;
  return [...head, ...new Array<number>(missing).fill(0), ...tail].reduce((sum, g) => (sum << 16n) | BigInt(g), 0n);
}

function inBlock6(address: bigint, block: Block6): boolean {
  const shift = BigInt(128 - block.bits);
  return address >> shift === block.base >> shift;
}

function describe6(address: bigint): string {
  if (address === 0n) return "unspecified";
  if (address === 1n) return "loopback";
  if (address >> 32n === 0xffffn) return "IPv4-mapped";
  if (address >> 32n === 0n) return "IPv4-compatible";
  const top = Number(address >> 112n);
  if ((top & 0xfe00) === 0xfc00) return "unique local";
  if ((top & 0xffc0) === 0xfe80) return "link-local";
  if ((top & 0xff00) === 0xff00) return "multicast";
  return "special-purpose";
}
