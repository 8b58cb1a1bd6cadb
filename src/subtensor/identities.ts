/**
 * On-chain identities of coldkeys (bittensor's query_identity, get_delegate_identities): the
 * SubtensorModule IdentitiesV2 item, each byte field decoded as UTF-8 text as Python does
 * (decode_hex_identity_dict), `github_repo` named `github` as in Python's ChainIdentity.
 * @module
 */
import { addressesOf, read, readMap } from '../substrate/index.js';
import { addressArg } from '../substrate/validate.js';
import type { FinneyChain } from '../chains/index.js';
import type * as Finney from '../chains/subtensor/finney.js';
import type { BlockSelector, Subtensor } from './subtensor.js';
import { resolveAt } from './at.js';

const IDENTITIES_V2 = addressesOf<FinneyChain>().storage('SubtensorModule', 'IdentitiesV2');

/** A coldkey's self-declared identity (Python's ChainIdentity). */
export interface ChainIdentity {
  name: string;
  url: string;
  github: string;
  image: string;
  discord: string;
  description: string;
  additional: string;
}

/** Invalid UTF-8 shows as U+FFFD here; Python prints a warning and drops the field. */
const utf8 = new TextDecoder();
export const chainIdentity = (raw: Finney.ChainIdentityV2): ChainIdentity => ({
  name: utf8.decode(raw.name), url: utf8.decode(raw.url), github: utf8.decode(raw.github_repo), image: utf8.decode(raw.image),
  discord: utf8.decode(raw.discord), description: utf8.decode(raw.description), additional: utf8.decode(raw.additional),
});

export async function queryIdentity(st: Subtensor, coldkey: string, sel: BlockSelector = {}): Promise<ChainIdentity | null> {
  addressArg(coldkey, 'coldkey');
  const raw = await read(st.client, IDENTITIES_V2, [coldkey], await resolveAt(st, sel));
  return raw === null ? null : chainIdentity(raw);
}

export async function getDelegateIdentities(st: Subtensor, sel: BlockSelector = {}): Promise<Record<string, ChainIdentity>> {
  const out: Record<string, ChainIdentity> = {};
  for await (const e of readMap(st.client, IDENTITIES_V2, [], { ...(await resolveAt(st, sel, true)), pageSize: 100 })) {
    if (e.value !== null) out[e.keys[0]] = chainIdentity(e.value);
  }
  return out;
}

/** The methods this module adds to Subtensor (./methods.ts); each doc here is what the IDE and the API reference show. */
export const identityReads = {
  /** The coldkey's identity (IdentitiesV2), null when it has none. */
  queryIdentity,
  /** Every identity on chain (IdentitiesV2), keyed by coldkey; Python names this for delegates, but it lists all. */
  getDelegateIdentities,
};
