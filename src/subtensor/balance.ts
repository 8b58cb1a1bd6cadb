// Balances as plain data: rao (bigint, exact) plus a 9-decimal `tao` string and the unit symbol.
// Subnet 0 is TAO (τ); subnet n's alpha token uses the Python SDK's symbol table (Greek, then others).
import { InvalidArgumentError } from '../substrate/index.js';
import { U16_MAX, arrayArg, objectArg, show, uintArg } from '../substrate/validate.js';

export interface Balance {
  rao: bigint;
  /** Exact decimal in whole units, 9 decimals: "1.500000000". */
  tao: string;
  netuid: number;
  unit: string;
}

export const RAO_PER_TAO = 1_000_000_000n;

// Index = netuid, as bittensor's `UNITS` (first entries; beyond them the symbol is `α<netuid>`).
const UNITS = [
  'τ', 'α', 'β', 'γ', 'δ', 'ε', 'ζ', 'η', 'θ', 'ι', 'κ', 'λ', 'μ', 'ν', 'ξ', 'ο', 'π', 'ρ', 'σ', 't', 'υ', 'φ', 'χ', 'ψ', 'ω',
  'א', 'ב', 'ג', 'ד', 'ה', 'ו', 'ז', 'ח', 'ט', 'י', 'ך', 'כ', 'ל', 'ם', 'מ', 'ן', 'נ', 'ס', 'ע', 'ף', 'פ', 'ץ', 'צ', 'ק', 'ר', 'ש', 'ת',
];

export function unitFor(netuid: number): string {
  uintArg(netuid, 'netuid', U16_MAX);
  return UNITS[netuid] ?? `α${netuid}`;
}

/** A Balance from rao (bigint, number or decimal string). */
export function balance(rao: bigint | number | string, netuid: number | null = 0): Balance {
  const r = typeof rao === 'bigint' ? rao : raoOf(rao);
  if (netuid === null) netuid = 0;
  else if (netuid !== 0) uintArg(netuid, 'netuid', U16_MAX);
  // Fast path: almost every on-chain amount fits in 2^53, where Number math is exact and cheap.
  if (r >= 0n && r <= 9007199254740991n) {
    const n = Number(r);
    const frac = n % 1e9;
    return { rao: r, tao: `${(n - frac) / 1e9}.${frac < 1e8 ? String(frac).padStart(9, '0') : frac}`, netuid, unit: unitFor(netuid) };
  }
  const neg = r < 0n;
  const a = neg ? -r : r;
  const tao = `${neg ? '-' : ''}${a / RAO_PER_TAO}.${(a % RAO_PER_TAO).toString().padStart(9, '0')}`;
  return { rao: r, tao, netuid, unit: unitFor(netuid) };
}

/** rao given as an integer number or a decimal integer string (as JSON carries u64/u128). */
function raoOf(v: unknown): bigint {
  if ((typeof v === 'number' && Number.isSafeInteger(v)) || (typeof v === 'string' && /^-?\d+$/.test(v))) return BigInt(v);
  throw new InvalidArgumentError(`rao: expected a bigint, a safe integer or a decimal integer string, got ${show(v)}`, 'rao', v);
}

/** Parse a decimal TAO amount ("1.5", 2) exactly into a Balance. */
export function fromTao(tao: string | number, netuid: number | null = 0): Balance {
  const ok = (typeof tao === 'number' && Number.isFinite(tao)) || typeof tao === 'string';
  const s = !ok ? '' : typeof tao === 'number' ? tao.toFixed(9) : tao.trim();
  const m = /^(-?)(\d*)(?:\.(\d{0,9})\d*)?$/.exec(s);
  if (!m || (m[2] === '' && !m[3])) throw new InvalidArgumentError(`tao: not a TAO amount: ${show(tao)}`, 'tao', tao);
  const rao = BigInt(m[2] || '0') * RAO_PER_TAO + BigInt((m[3] ?? '').padEnd(9, '0'));
  return balance(m[1] ? -rao : rao, netuid);
}

export function formatBalance(b: Balance): string {
  objectArg(b, 'b', 'a Balance');
  return `${b.unit}${b.tao}`;
}

export function sumBalances(list: Balance[], netuid: number | null = 0): Balance {
  let r = 0n;
  for (const [i, b] of (arrayArg(list, 'list') as Balance[]).entries()) {
    if (typeof (b as Balance | null)?.rao !== 'bigint') throw new InvalidArgumentError(`list[${i}]: expected a Balance, got ${show(b)}`, `list[${i}]`, b);
    r += b.rao;
  }
  return balance(r, netuid);
}
