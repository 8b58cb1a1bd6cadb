/**
 * The pure pieces of the registration and serving writes: an IP string as the integer and version
 * the chain stores (bittensor's utils/networking ip_to_int and ip_version, which use netaddr), the
 * SDK version an axon advertises, and the shape checks of the endpoint and identity arguments.
 * @module
 */
import type * as Finney from '../chains/subtensor/finney.js';
import { InvalidArgumentError } from '../substrate/index.js';
import type { Registry } from '../scale/index.js';
import { objectArg, optUintArg, show, uintArg, U16_MAX, U32_MAX } from '../substrate/validate.js';

/**
 * The `version` an axon or prometheus endpoint is served with: Python's `version_as_int` of the SDK
 * release this library ports (bittensor 10.2.0 → 10·1000² + 2·1000 + 0).
 */
export const BITTENSOR_VERSION_AS_INT = 10_002_000;

const DEC_OCTET = /^(?:0|[1-9]\d{0,2})$/;
const HEX_GROUP = /^[0-9a-f]{1,4}$/i;

function badIp(ip: unknown, name: string): never {
  throw new InvalidArgumentError(`${name}: expected an IPv4 (a.b.c.d) or IPv6 address, got ${show(ip)}`, name, ip);
}

/** Dotted-quad IPv4 as inet_pton reads it (no leading zeros, each part ≤ 255), else null. */
function ipv4(s: string): bigint | null {
  const parts = s.split('.');
  if (parts.length !== 4 || !parts.every((p) => DEC_OCTET.test(p) && Number(p) <= 255)) return null;
  return parts.reduce((acc, p) => (acc << 8n) | BigInt(p), 0n);
}

/** The 16-bit groups of one side of an IPv6 address; an IPv4 tail counts as two groups. */
function groups(side: string, last: boolean): bigint[] | null {
  if (side === '') return [];
  const out: bigint[] = [];
  const parts = side.split(':');
  for (let i = 0; i < parts.length; i++) {
    const p = parts[i];
    if (last && i === parts.length - 1 && p.includes('.')) {
      const v4 = ipv4(p);
      if (v4 === null) return null;
      out.push(v4 >> 16n, v4 & 0xffffn);
    } else if (HEX_GROUP.test(p)) out.push(BigInt(`0x${p}`));
    else return null;
  }
  return out;
}

/** RFC 4291 text form (one `::` standing for at least one zero group), else null. */
function ipv6(s: string): bigint | null {
  const halves = s.split('::');
  if (halves.length > 2) return null;
  const head = groups(halves[0], halves.length === 1);
  const tail = halves.length === 2 ? groups(halves[1], true) : [];
  if (head === null || tail === null) return null;
  const fill = 8 - head.length - tail.length;
  if (halves.length === 1 ? fill !== 0 : fill < 1) return null;
  return [...head, ...Array<bigint>(halves.length === 2 ? fill : 0).fill(0n), ...tail].reduce((acc, g) => (acc << 16n) | g, 0n);
}

/**
 * An IP address as the chain stores it: its integer (u128) and its version (4 or 6), as Python's
 * `ip_to_int` and `ip_version`. IPv4-mapped IPv6 (`::ffff:1.2.3.4`) is version 6, as netaddr says.
 */
export function parseIp(ip: unknown, name = 'ip'): { ip: bigint; ipType: 4 | 6 } {
  if (typeof ip !== 'string') badIp(ip, name);
  const v4 = ipv4(ip);
  if (v4 !== null) return { ip: v4, ipType: 4 };
  const v6 = ip.includes(':') ? ipv6(ip) : null;
  if (v6 === null) badIp(ip, name);
  return { ip: v6, ipType: 6 };
}

/** Python's `net.ip_to_int`: the IP string's integer. */
export const ipToInt = (ip: string): bigint => parseIp(ip).ip;
/** Python's `net.ip_version`: 4 or 6. */
export const ipVersion = (ip: string): 4 | 6 => parseIp(ip).ipType;

/** An axon endpoint to serve (Python's Axon's external ip/port, and serve_extrinsic's options). */
export interface AxonEndpoint {
  /** The external IP, IPv4 or IPv6 (Python finds it over the internet when absent; here it must be given). */
  ip: string;
  port: number;
  /** Default 4, what Python's serve_axon sends. */
  protocol?: number;
  /** Default BITTENSOR_VERSION_AS_INT, as Python sends its own version. */
  version?: number;
  placeholder1?: number;
  placeholder2?: number;
}

/** A prometheus endpoint to serve. */
export interface PrometheusEndpoint {
  ip: string;
  port: number;
  /** Default BITTENSOR_VERSION_AS_INT. */
  version?: number;
}

/** The fields of `serve_axon` / `serve_prometheus` (netuid aside): the chain's stored AxonInfo without its block. */
export type ServeFields = Omit<Finney.AxonInfo, 'block'>;

/** The axon argument checked and encoded; each bad field named (`axon.port`). */
export function axonFieldsArg(v: unknown, name = 'axon'): ServeFields {
  const o = objectArg(v, name, 'an axon endpoint { ip, port, protocol?, version?, placeholder1?, placeholder2? }');
  const { ip, ipType } = parseIp(o.ip, `${name}.ip`);
  return {
    version: optUintArg(o.version, `${name}.version`, U32_MAX) ?? BITTENSOR_VERSION_AS_INT,
    ip, port: uintArg(o.port, `${name}.port`, U16_MAX), ip_type: ipType,
    protocol: optUintArg(o.protocol, `${name}.protocol`, 255) ?? 4,
    placeholder1: optUintArg(o.placeholder1, `${name}.placeholder1`, 255) ?? 0,
    placeholder2: optUintArg(o.placeholder2, `${name}.placeholder2`, 255) ?? 0,
  };
}

/** The prometheus argument checked and encoded. */
export function prometheusFieldsArg(v: unknown, name = 'prometheus'): Pick<ServeFields, 'version' | 'ip' | 'port' | 'ip_type'> {
  const o = objectArg(v, name, 'a prometheus endpoint { ip, port, version? }');
  const { ip, ipType } = parseIp(o.ip, `${name}.ip`);
  return { version: optUintArg(o.version, `${name}.version`, U32_MAX) ?? BITTENSOR_VERSION_AS_INT, ip, port: uintArg(o.port, `${name}.port`, U16_MAX), ip_type: ipType };
}

/**
 * A TLS certificate as the `certificate: Vec<u8>` of serve_axon_tls: a string is UTF-8 encoded, as
 * Python's Certificate (a str: the algorithm's character, then the public key's) is; bytes go as
 * they are. Absent or empty means no certificate (plain serve_axon), as Python's `if certificate`.
 */
export function certificateArg(v: unknown, name = 'certificate'): Uint8Array | null {
  if (v === undefined || v === null) return null;
  const b = typeof v === 'string' ? new TextEncoder().encode(v) : v instanceof Uint8Array ? v : undefined;
  if (b === undefined) throw new InvalidArgumentError(`${name}: expected a string or a Uint8Array, got ${show(v)}`, name, v);
  return b.length === 0 ? null : b;
}

/** A subnet's identity to set (Python's SubnetIdentity); an absent or null field is empty. */
export interface SubnetIdentityInput {
  subnetName?: string;
  githubRepo?: string;
  subnetContact?: string;
  subnetUrl?: string;
  logoUrl?: string | null;
  discord?: string;
  description?: string;
  additional?: string;
}

const IDENTITY_FIELDS = [
  ['subnetName', 'subnet_name'], ['githubRepo', 'github_repo'], ['subnetContact', 'subnet_contact'], ['subnetUrl', 'subnet_url'],
  ['logoUrl', 'logo_url'], ['discord', 'discord'], ['description', 'description'], ['additional', 'additional'],
] as const;

/** The identity checked: the call's snake_case field → the UTF-8 bytes of the text. */
export function subnetIdentityArg(v: unknown, name = 'subnetIdentity'): Record<string, Uint8Array> {
  const o = objectArg(v, name, 'a subnet identity { subnetName, githubRepo, … }');
  const out: Record<string, Uint8Array> = {};
  for (const [key, field] of IDENTITY_FIELDS) {
    const s = o[key] ?? '';
    if (typeof s !== 'string') throw new InvalidArgumentError(`${name}.${key}: expected a string, got ${show(s)}`, `${name}.${key}`, s);
    out[field] = new TextEncoder().encode(s);
  }
  return out;
}

/** The argument names of `pallet.name` in this runtime, or null when it has no such call. */
export function callFields(registry: Registry, pallet: string, name: string): string[] | null {
  const p = registry.metadata.pallets.find((x) => x.name === pallet);
  if (!p || p.calls === null) return null;
  const def = registry.metadata.types[p.calls].def;
  const v = def.tag === 'variant' ? def.variants.find((x) => x.name === name) : undefined;
  return v ? v.fields.map((f) => f.name ?? '') : null;
}
