// Issue 13, commitments on the local chain (raonet spec 218): getCommitment and getAllCommitments
// compared with @polkadot/api reading Commitments.CommitmentOf at the same block, plus Python's
// decode_metadata (first field's bytes as UTF-8, invalid bytes dropped). The entries are written
// with dev_setStorage under a netuid no subnet uses and fresh random hotkeys.
import type { ApiPromise } from '@polkadot/api';
import type { ApiDecoration } from '@polkadot/api/types';
import { afterAll, beforeAll, describe, expect, inject, it } from 'vitest';
import { Subtensor } from '../../src/subtensor/index.js';

const url = inject('chainUrl');

describe.skipIf(!url)('commitments against polkadot.js at one block', () => {
  let st: Subtensor;
  let api: ApiPromise;
  let hash: string;
  let pjs: ApiDecoration<'promise'>;
  let hk: string[];
  // a netuid no subnet has, so no other test sees these entries
  const netuid = 40_000 + Math.floor(Math.random() * 20_000);
  const reg = (fields: unknown[]) => ({ deposit: 0, block: 1, info: { fields } });
  beforeAll(async () => {
    const { ApiPromise, WsProvider } = await import('@polkadot/api');
    const { encodeAddress, randomAsU8a } = await import('@polkadot/util-crypto');
    api = await ApiPromise.create({ provider: new WsProvider(url), noInitWarn: true, throwOnConnect: true });
    st = await Subtensor.connect(url);
    hk = [0, 1, 2, 3].map(() => encodeAddress(randomAsU8a(32), 42));
    await st.client.rpc.request('dev_setStorage', [{
      SubtensorModule: { Keys: [[[netuid, 0], hk[0]], [[netuid, 1], hk[1]], [[netuid, 2], hk[2]]] },
      Commitments: {
        CommitmentOf: [
          [[netuid, hk[0]], reg([{ Raw5: '0x68656c6c6f' }, { Raw1: '0x21' }])], // "hello", then a field Python ignores
          [[netuid, hk[1]], reg([{ Raw4: '0x68ff6869' }])], // h, an invalid byte, hi
          [[netuid, hk[2]], reg([])], // nothing to decode: skipped / ''
          [[netuid, hk[3]], reg([{ None: null }])],
        ],
      },
    }]);
    hash = await st.getBlockHash();
    pjs = await api.at(hash);
  });
  afterAll(async () => {
    await st?.close();
    await api?.disconnect();
  });

  /** Python's decode_metadata over pjs's decoded value: first field's bytes, errors="ignore". */
  async function pythonText(hotkey: string): Promise<string | null> {
    const v = (await pjs.query.commitments.commitmentOf(netuid, hotkey)).toJSON() as { info: { fields: Record<string, string>[] } } | null;
    const first = v?.info.fields[0];
    const bytes = first ? Object.values(first)[0] : null;
    if (typeof bytes !== 'string') return null;
    const { hexToU8a } = await import('@polkadot/util');
    return Buffer.from(hexToU8a(bytes)).toString('utf8').replace(/\uFFFD/g, '');
  }

  it('getAllCommitments: every CommitmentOf entry of the subnet whose first field decodes', async () => {
    const entries = await pjs.query.commitments.commitmentOf.entries(netuid);
    expect(entries).toHaveLength(4);
    const expected: Record<string, string> = {};
    for (const h of hk) {
      const text = await pythonText(h);
      if (text !== null) expected[h] = text;
    }
    expect(expected).toEqual({ [hk[0]]: 'hello', [hk[1]]: 'hhi' });
    expect(await st.getAllCommitments(netuid, { blockHash: hash })).toEqual(expected);
    expect(await st.at(hash).getAllCommitments(netuid)).toEqual(expected);
    expect(await st.getAllCommitments((netuid + 1) % 65536, { blockHash: hash })).toEqual({});
  });

  it('getCommitment: Keys(netuid, uid), then that hotkey\'s commitment; \'\' when there is none', async () => {
    for (const uid of [0, 1, 2]) {
      const hotkey = (await pjs.query.subtensorModule.keys(netuid, uid)).toString();
      expect(hotkey).toBe(hk[uid]);
      expect(await st.getCommitment(netuid, uid, { blockHash: hash })).toBe((await pythonText(hotkey)) ?? '');
    }
    expect(await st.getCommitment(netuid, 0, { blockHash: hash })).toBe('hello');
    expect(await st.getCommitment(netuid, 2, { blockHash: hash })).toBe('');
    expect(await st.getCommitment(netuid, 3, { blockHash: hash })).toBe('');
  });
});
