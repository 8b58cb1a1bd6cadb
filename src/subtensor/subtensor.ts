// AsyncSubtensor: the Bittensor layer over SubstrateClient. Every method takes a block selector
// `{ block?, blockHash?, reuseBlock? }` with the Python SDK's rules, minus its race: the block a
// call reads is resolved once into an immutable snapshot; `reuseBlock` reuses the last snapshot
// another call pinned, and `at(blockHash)` returns a view whose every call reads that block.
// Every public method checks its arguments first (./args.ts), before anything is sent. Groups of
// reads are functions over a Subtensor in their own modules (./registration.ts, ./stake.ts, …).
import {
  SubstrateClient, read, readMap, storage, InvalidArgumentError,
  type ConnectOptions, type Input, type StorageAddress,
} from '../substrate/index.js';
import {
  camel, neuronFull, neuronLite, type DelegatedInfo, type DelegateInfo, type LegacySubnetHyperparameters,
  type NeuronInfo, type NeuronInfoLite, type StakeInfo, type SubnetHyperparameters,
} from './convert.js';
import { callRuntimeApi } from './runtime-api.js';
import { balanceReads } from './balances.js';
import { childrenReads } from './children.js';
import { commitmentReads } from './commitments.js';
import { subnetParamReads } from './subnet-params.js';
import { registrationReads } from './registration.js';
import { stakeReads } from './stake.js';
import { neuronReads } from './neurons.js';
import { blockReads } from './blocks.js';
import { subnetLimitReads } from './subnet-limits.js';
import { subnetReads } from './subnets.js';
import { swapReads } from './swaps.js';
import { proxyReads } from './proxies.js';
import { identityReads } from './identities.js';
import { rootClaimReads } from './root-claims.js';
import { subnetExtraReads } from './subnet-extras.js';
import { crowdloanReads } from './crowdloans.js';
import { coldkeySwapReads } from './coldkey-swap.js';
import { timeReads } from './time.js';
import { metagraphInfoReads } from './metagraph-info.js';
import { metagraphReads } from './metagraph.js';
import { transferWrites } from './transfer.js';
import { stakeWrites } from './stake-writes.js';
import { serveWrites } from './serve-writes.js';
import { weightWrites } from './weight-writes.js';
import { timelockWrites } from './timelock-writes.js';
import { liquidityReads } from './liquidity.js';
import { callWrites } from './write.js';
import { proxyWrites } from './proxy-writes.js';
import { crowdloanWrites } from './crowdloan-writes.js';
import { miscWrites } from './misc-writes.js';
import { attach, type Methods } from './methods.js';
import { NETWORKS_ADDED, TOTAL_NETWORKS, type ApiMethod, type ApiName, type ApiOutput } from './addresses.js';
import { resolveEndpoints } from './networks.js';
import { netuidArg, selectorArg, type CheckedSelector } from './args.js';
import {
  arrayArg, blockHashArg, nameArg, optBoolArg, optFunctionArg, optionsArg, optSignalArg, optUintArg, U32_MAX,
} from '../substrate/validate.js';

export interface BlockSelector {
  /** Block number (a u32). */
  block?: number | null;
  /** 0x + 64 hex digits, either case. `undefined` and `null` both mean "not given". */
  blockHash?: string | null;
  reuseBlock?: boolean;
  signal?: AbortSignal;
}

/**
 * The methods ported from bittensor's AsyncSubtensor, group by group: each is a function over a
 * Subtensor in its own module, attached below (./methods.ts).
 */
export interface Subtensor
  extends Methods<typeof timeReads>, Methods<typeof subnetParamReads>, Methods<typeof registrationReads>,
    Methods<typeof commitmentReads>, Methods<typeof balanceReads>, Methods<typeof childrenReads>,
    Methods<typeof stakeReads>, Methods<typeof transferWrites>, Methods<typeof neuronReads>,
    Methods<typeof blockReads>, Methods<typeof subnetLimitReads>, Methods<typeof subnetReads>, Methods<typeof swapReads>, Methods<typeof proxyReads>, Methods<typeof identityReads>, Methods<typeof rootClaimReads>, Methods<typeof subnetExtraReads>, Methods<typeof crowdloanReads>, Methods<typeof coldkeySwapReads>,
    Methods<typeof metagraphInfoReads>, Methods<typeof metagraphReads>,
    Methods<typeof stakeWrites>, Methods<typeof serveWrites>, Methods<typeof weightWrites>, Methods<typeof timelockWrites>, Methods<typeof liquidityReads>, Methods<typeof callWrites>,
    Methods<typeof proxyWrites>, Methods<typeof crowdloanWrites>, Methods<typeof miscWrites> {}

interface Pinned {
  readonly hash: string;
}

export class Subtensor {
  readonly client: SubstrateClient;
  private readonly fixedHash: string | undefined;
  private readonly shared: { last: Pinned | null; hashes: Map<number, Promise<string>> };

  private constructor(client: SubstrateClient, fixedHash?: string, shared?: Subtensor['shared']) {
    this.client = client;
    this.fixedHash = fixedHash;
    this.shared = shared ?? { last: null, hashes: new Map() };
  }

  /**
   * Connect to a network name (finney, test, archive, local), a URL, or wrap a client. Without one:
   * `BT_SUBTENSOR_CHAIN_ENDPOINT`, else `BT_SUBTENSOR_NETWORK`, else finney (as the Python SDK).
   */
  static async connect(network?: string | string[] | SubstrateClient | null, options: ConnectOptions = {}): Promise<Subtensor> {
    if (network != null && !(network instanceof SubstrateClient) && typeof network !== 'string' && !Array.isArray(network)) {
      throw new InvalidArgumentError(`network: expected a network name, URL(s) or a SubstrateClient, got ${typeof network}`, 'network', network);
    }
    const client = network instanceof SubstrateClient ? network : await SubstrateClient.connect(resolveEndpoints(network ?? undefined), options);
    return new Subtensor(client);
  }

  /** Close the client's connection. */
  close(): Promise<void> {
    return this.client.close();
  }

  async [Symbol.asyncDispose](): Promise<void> {
    await this.close();
  }

  /** A view pinned to one block: every call reads `blockHash`. */
  at(blockHash: string): Subtensor {
    const hash = blockHashArg(blockHash, 'blockHash');
    if (hash === undefined) throw new InvalidArgumentError('blockHash: required for at()', 'blockHash', blockHash);
    return new Subtensor(this.client, hash, this.shared);
  }

  // Block selection

  /** Resolve the selector to a block hash (undefined = latest), pinning it for reuseBlock. */
  async resolveBlock(sel: BlockSelector = {}, pinHead = false): Promise<string | undefined> {
    return this.#resolve(selectorArg(sel), optBoolArg(pinHead, 'pinHead') ?? false);
  }

  async #resolve(sel: CheckedSelector, pinHead = false): Promise<string | undefined> {
    if (this.fixedHash) {
      // The view's own hash passed back in (a pinned snapshot handed down) is not a conflict.
      if (sel.block !== undefined || (sel.blockHash !== undefined && sel.blockHash !== this.fixedHash) || sel.reuseBlock) {
        throw new InvalidArgumentError('sel: this view is pinned with at(blockHash); do not pass block, blockHash or reuseBlock', 'sel', sel);
      }
      return this.fixedHash;
    }
    if (sel.reuseBlock && (sel.block !== undefined || sel.blockHash !== undefined)) {
      throw new InvalidArgumentError('sel.reuseBlock: cannot be combined with block or blockHash', 'sel.reuseBlock', sel);
    }
    let hash: string | undefined;
    if (sel.reuseBlock) hash = this.shared.last?.hash ?? (await this.client.getChainHead({ signal: sel.signal }));
    else if (sel.blockHash !== undefined) {
      hash = sel.blockHash;
      if (sel.block !== undefined) {
        const byNumber = await this.#blockHash(sel.block, sel.signal);
        if (byNumber.toLowerCase() !== hash) {
          throw new InvalidArgumentError(`sel.blockHash: block ${sel.block} has hash ${byNumber}, not the given blockHash ${hash}`, 'sel.blockHash', hash);
        }
      }
    } else if (sel.block !== undefined) hash = await this.#blockHash(sel.block, sel.signal);
    else if (pinHead) hash = await this.client.getChainHead({ signal: sel.signal });
    if (hash) this.shared.last = Object.freeze({ hash });
    return hash;
  }

  /** The head's block number. */
  async getCurrentBlock(sel: { signal?: AbortSignal } = {}): Promise<number> {
    const signal = optSignalArg(optionsArg(sel, 'sel').signal, 'sel.signal');
    return (await this.client.getBlockHeader({ signal })).number;
  }

  /** Hash of block `n` (cached: finalised history does not change); the head when omitted. */
  async getBlockHash(block?: number | null, sel: { signal?: AbortSignal } = {}): Promise<string> {
    const n = optUintArg(block, 'block', U32_MAX);
    const signal = optSignalArg(optionsArg(sel, 'sel').signal, 'sel.signal');
    return n === undefined ? this.client.getChainHead({ signal }) : this.#blockHash(n, signal);
  }

  #blockHash(block: number, signal: AbortSignal | undefined): Promise<string> {
    let p = this.shared.hashes.get(block);
    if (!p) {
      p = this.client.getBlockHash(block, { signal });
      p.catch(() => this.shared.hashes.delete(block));
      if (this.shared.hashes.size > 10_000) this.shared.hashes.delete(this.shared.hashes.keys().next().value!);
      this.shared.hashes.set(block, p);
    }
    return p;
  }

  // Plumbing

  async #read<K extends unknown[], V>(address: StorageAddress<K, V>, keys: Input<K>, sel: CheckedSelector): Promise<V> {
    const blockHash = await this.#resolve(sel);
    return this.client.query<V>(address.pallet, address.item, keys as unknown[], { blockHash, signal: sel.signal });
  }

  /**
   * Runtime API call that also understands old runtimes whose metadata types the result as Vec<u8>
   * (the bytes inside are then decoded with the Python SDK's legacy layout).
   */
  async runtimeApi<T = unknown>(api: string, method: string, args: unknown[] = [], sel: BlockSelector = {}): Promise<T> {
    nameArg(api, 'api');
    nameArg(method, 'method');
    return (await this.#call(api, method, arrayArg(args, 'args', true), selectorArg(sel))) as T;
  }

  /** A runtime API call whose result is typed from the finney types and the legacy layouts. */
  async #runtimeApi<Api extends ApiName, M extends ApiMethod<Api>>(api: Api, method: M, args: unknown[], sel: CheckedSelector): Promise<ApiOutput<Api, M>> {
    return (await this.#call(api, method, args, sel)) as ApiOutput<Api, M>;
  }

  async #call(api: string, method: string, args: unknown[], sel: CheckedSelector): Promise<unknown> {
    const blockHash = sel.blockHash && !sel.reuseBlock && sel.block === undefined ? sel.blockHash : await this.#resolve(sel);
    return callRuntimeApi(this.client, api, method, args, { blockHash, signal: sel.signal });
  }

  // Subnets

  /** How many subnets exist (TotalNetworks). */
  async getTotalSubnets(sel: BlockSelector = {}): Promise<number> {
    return this.#read(TOTAL_NETWORKS, [], selectorArg(sel));
  }

  /** Every existing subnet's netuid, ascending. */
  async getAllSubnetsNetuid(sel: BlockSelector = {}): Promise<number[]> {
    return this.#allNetuids(selectorArg(sel));
  }

  async #allNetuids(sel: CheckedSelector): Promise<number[]> {
    const blockHash = await this.#resolve(sel, true);
    const out: number[] = [];
    for await (const e of readMap(this.client, NETWORKS_ADDED, [], { blockHash, signal: sel.signal, pageSize: 100 })) {
      if (e.value) out.push(e.keys[0]);
    }
    return out.sort((a, b) => a - b);
  }

  /** Whether subnet `netuid` exists (NetworksAdded). */
  async subnetExists(netuid: number, sel: BlockSelector = {}): Promise<boolean> {
    return this.#read(NETWORKS_ADDED, [netuidArg(netuid)], selectorArg(sel));
  }

  /** The subnet's hyperparameters (null when the subnet does not exist). */
  async getSubnetHyperparameters(netuid: number, sel: BlockSelector = {}): Promise<SubnetHyperparameters | LegacySubnetHyperparameters | null> {
    const raw = await this.#runtimeApi('SubnetInfoRuntimeApi', 'get_subnet_hyperparams', [netuidArg(netuid)], selectorArg(sel));
    return raw == null ? null : camel(raw);
  }

  /** One hyperparameter storage item of a subnet, e.g. getHyperparameter('Tempo', 1). */
  async getHyperparameter<T = unknown>(name: string, netuid: number, sel: BlockSelector = {}): Promise<T> {
    return this.#read(storage<[netuid: number], T>('SubtensorModule', nameArg(name, 'name')), [netuidArg(netuid)], selectorArg(sel));
  }

  // Neurons

  /** Every neuron of a subnet, without weights and bonds. */
  async neuronsLite(netuid: number, sel: BlockSelector = {}): Promise<NeuronInfoLite[]> {
    return this.#neuronsLite(netuidArg(netuid), selectorArg(sel));
  }

  async #neuronsLite(netuid: number, sel: CheckedSelector): Promise<NeuronInfoLite[]> {
    const raw = await this.#runtimeApi('NeuronInfoRuntimeApi', 'get_neurons_lite', [netuid], sel);
    return raw.map(neuronLite);
  }

  /** Every neuron of a subnet, with weights and bonds. */
  async neurons(netuid: number, sel: BlockSelector = {}): Promise<NeuronInfo[]> {
    const raw = await this.#runtimeApi('NeuronInfoRuntimeApi', 'get_neurons', [netuidArg(netuid)], selectorArg(sel));
    return raw.map(neuronFull);
  }

  /** One neuron of a subnet (null when the uid is not registered). */
  async neuronForUid(uid: number, netuid: number, sel: BlockSelector = {}): Promise<NeuronInfo | null> {
    const raw = await this.#runtimeApi('NeuronInfoRuntimeApi', 'get_neuron', [netuidArg(netuid), netuidArg(uid, 'uid')], selectorArg(sel));
    return raw == null ? null : neuronFull(raw);
  }

  /**
   * Lite neurons of many subnets (all by default) at ONE pinned block. `concurrent` (default true)
   * issues every runtime call at once over the one socket; false does them one after another.
   */
  async neuronsLiteAll(opts: BlockSelector & { netuids?: number[]; concurrent?: boolean; onProgress?: (done: number, total: number) => void } = {}): Promise<Map<number, NeuronInfoLite[]>> {
    const sel = selectorArg(opts, 'opts');
    const o = optionsArg(opts, 'opts');
    const given = o.netuids === undefined || o.netuids === null ? undefined : arrayArg(o.netuids, 'opts.netuids').map((n, i) => netuidArg(n, `opts.netuids[${i}]`));
    const concurrent = optBoolArg(o.concurrent, 'opts.concurrent');
    const onProgress = optFunctionArg<(done: number, total: number) => void>(o.onProgress, 'opts.onProgress');
    const blockHash = await this.#resolve(sel, true);
    const pinned: CheckedSelector = { blockHash, signal: sel.signal };
    const netuids = given ?? (await this.#allNetuids(pinned));
    const out = new Map<number, NeuronInfoLite[]>();
    let done = 0;
    const one = async (n: number) => {
      out.set(n, await this.#neuronsLite(n, pinned));
      onProgress?.(++done, netuids.length);
    };
    if (concurrent === false) for (const n of netuids) await one(n);
    else await Promise.all(netuids.map(one));
    return new Map([...out.entries()].sort((a, b) => a[0] - b[0]));
  }


}

attach(Subtensor.prototype, timeReads, subnetParamReads, registrationReads, commitmentReads, balanceReads, childrenReads, stakeReads, transferWrites, neuronReads, blockReads, subnetLimitReads, subnetReads, swapReads, proxyReads, identityReads, rootClaimReads, subnetExtraReads, crowdloanReads, coldkeySwapReads, metagraphInfoReads, metagraphReads, stakeWrites, serveWrites, weightWrites, timelockWrites, liquidityReads, callWrites, proxyWrites, crowdloanWrites, miscWrites);
