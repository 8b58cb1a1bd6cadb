/**
 * Balances pallet reads: free balance of one account or many (one state_queryStorageAt at one
 * block) and the existential deposit constant. Functions over a Subtensor, attached as thin methods.
 * @module
 */
import { read, readMulti } from '../substrate/index.js';
import { addressArg, addressesArg } from '../substrate/validate.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { balance, type Balance } from './balance.js';
import { ACCOUNT, EXISTENTIAL_DEPOSIT } from './addresses.js';
import { resolveAt } from './at.js';

export async function getBalance(st: Subtensor, address: string, sel: BlockSelector = {}): Promise<Balance> {
  addressArg(address, 'address');
  const acct = await read(st.client, ACCOUNT, [address], await resolveAt(st, sel));
  return balance(acct.data.free);
}

export async function getBalances(st: Subtensor, addresses: string[], sel: BlockSelector = {}): Promise<Record<string, Balance>> {
  const list = addressesArg(addresses, 'addresses');
  const accts = await readMulti(st.client, list.map((a) => [ACCOUNT, [a]] as const), await resolveAt(st, sel));
  const out: Record<string, Balance> = {};
  list.forEach((a, i) => (out[a] = balance(accts[i].data.free)));
  return out;
}

export async function getExistentialDeposit(st: Subtensor, sel: BlockSelector = {}): Promise<Balance> {
  return balance(await read(st.client, EXISTENTIAL_DEPOSIT, await resolveAt(st, sel)));
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const balanceReads = {
  /** Free balance of an account (0 for an account that does not exist). */
  getBalance,
  /** Free balances of many addresses in ONE state_queryStorageAt; missing accounts are 0. */
  getBalances,
  /** The Balances pallet's existential deposit. */
  getExistentialDeposit,
};
