/**
 * Proxy pallet reads (bittensor's get_proxies, get_proxies_for_real_account,
 * get_proxy_announcement(s), get_proxy_constants): who may act for an account, with which proxy
 * type and delay, the deposit held for it, and the announced calls of time-delayed proxies.
 * @module
 */
import { toHex } from '../scale/index.js';
import { addressesOf, read, readMap } from '../substrate/index.js';
import { addressArg } from '../substrate/validate.js';
import type { FinneyChain } from '../chains/index.js';
import type * as Finney from '../chains/subtensor/finney.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { resolveAt, type At } from './at.js';

const finney = addressesOf<FinneyChain>();
const PROXIES = finney.storage('Proxy', 'Proxies');
const ANNOUNCEMENTS = finney.storage('Proxy', 'Announcements');

/** One proxy of a real account (Python's ProxyInfo). */
export interface ProxyInfo {
  delegate: string;
  /** The variant name, e.g. 'Staking' or 'Any'. */
  proxyType: Finney.ProxyType;
  /** Blocks an announced call must wait (0 = none). */
  delay: number;
}

/** A call a delegate announced for a real account (Python's ProxyAnnouncementInfo). */
export interface ProxyAnnouncementInfo {
  real: string;
  /** 0x-hex blake2-256 of the call. */
  callHash: string;
  height: number;
}

/** The Proxy pallet's constants (Python's ProxyConstants); deposits as Balances. */
export interface ProxyConstants {
  AnnouncementDepositBase: Balance | null;
  AnnouncementDepositFactor: Balance | null;
  MaxProxies: number | null;
  MaxPending: number | null;
  ProxyDepositBase: Balance | null;
  ProxyDepositFactor: Balance | null;
}

const proxyInfo = (d: Finney.ProxyDefinition): ProxyInfo => ({ delegate: d.delegate, proxyType: d.proxy_type, delay: d.delay });
const announcement = (a: Finney.Announcement): ProxyAnnouncementInfo => ({ real: a.real, callHash: toHex(a.call_hash), height: a.height });

/** Every account's proxies, keyed by the real account. */
export async function getProxies(st: Subtensor, sel: BlockSelector = {}): Promise<Record<string, ProxyInfo[]>> {
  const out: Record<string, ProxyInfo[]> = {};
  for await (const e of readMap(st.client, PROXIES, [], { ...(await resolveAt(st, sel, true)), pageSize: 100 })) out[e.keys[0]] = e.value[0].map(proxyInfo);
  return out;
}

/** The proxies of one real account and the deposit it holds for them ([] and 0 when none). */
export async function getProxiesForRealAccount(st: Subtensor, realAccount: string, sel: BlockSelector = {}): Promise<{ proxies: ProxyInfo[]; deposit: Balance }> {
  addressArg(realAccount, 'realAccount');
  const [list, deposit] = await read(st.client, PROXIES, [realAccount], await resolveAt(st, sel));
  return { proxies: list.map(proxyInfo), deposit: balance(deposit) };
}

/** The calls a delegate has announced ([] when none). */
export async function getProxyAnnouncement(st: Subtensor, delegate: string, sel: BlockSelector = {}): Promise<ProxyAnnouncementInfo[]> {
  addressArg(delegate, 'delegate');
  return (await read(st.client, ANNOUNCEMENTS, [delegate], await resolveAt(st, sel)))[0].map(announcement);
}

/** Every delegate's announced calls, keyed by delegate. */
export async function getProxyAnnouncements(st: Subtensor, sel: BlockSelector = {}): Promise<Record<string, ProxyAnnouncementInfo[]>> {
  const out: Record<string, ProxyAnnouncementInfo[]> = {};
  for await (const e of readMap(st.client, ANNOUNCEMENTS, [], { ...(await resolveAt(st, sel, true)), pageSize: 100 })) out[e.keys[0]] = e.value[0].map(announcement);
  return out;
}

async function constantOr<V>(st: Subtensor, name: string, at: At): Promise<V | null> {
  const rt = await st.client.runtime(at);
  if (!rt.metadata.pallets.some((p) => p.name === 'Proxy' && p.constants.some((c) => c.name === name))) return null;
  return st.client.getConstant<V>('Proxy', name, at);
}

/** The Proxy pallet's deposits and limits; a constant the runtime lacks is null, as Python leaves it None. */
export async function getProxyConstants(st: Subtensor, sel: BlockSelector = {}): Promise<ProxyConstants> {
  const at = await resolveAt(st, sel, true);
  const dep = async (n: string) => {
    const v = await constantOr<bigint>(st, n, at);
    return v === null ? null : balance(v);
  };
  const [AnnouncementDepositBase, AnnouncementDepositFactor, ProxyDepositBase, ProxyDepositFactor, MaxProxies, MaxPending] = await Promise.all([
    dep('AnnouncementDepositBase'), dep('AnnouncementDepositFactor'), dep('ProxyDepositBase'), dep('ProxyDepositFactor'),
    constantOr<number>(st, 'MaxProxies', at), constantOr<number>(st, 'MaxPending', at),
  ]);
  return { AnnouncementDepositBase, AnnouncementDepositFactor, MaxProxies, MaxPending, ProxyDepositBase, ProxyDepositFactor };
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const proxyReads = {
  /** Every account's proxies, keyed by the real account (Proxy.Proxies). */
  getProxies,
  /** The proxies of one real account and the deposit it holds for them ([] and 0 when none). */
  getProxiesForRealAccount,
  /** The calls a delegate has announced (Proxy.Announcements; [] when none). */
  getProxyAnnouncement,
  /** Every delegate's announced calls, keyed by delegate. */
  getProxyAnnouncements,
  /** The Proxy pallet's deposits (Balances) and limits; a constant the runtime lacks is null, as Python leaves it None. */
  getProxyConstants,
};
