// polkadot.js set up with the replay's spec-343 metadata, as the oracle that decodes recorded replies.
import { Metadata as PjsMetadata, TypeRegistry } from '@polkadot/types';
import type { ReplayData } from '../../scripts/replay.js';

export interface ReplayOracle {
  reg: TypeRegistry;
  /** polkadot.js's decoding of a recorded runtime-API reply (`Option` unwrapped), as JSON. */
  decodeCall(api: string, method: string, resultHex: string): any;
}

export function replayOracle(data: ReplayData): ReplayOracle {
  const reg = new TypeRegistry();
  const md = new PjsMetadata(reg, `0x${data.metadataV15.slice(data.metadataV15.indexOf('6d657461'))}` as `0x${string}`);
  reg.setMetadata(md);
  const apis = (md.asLatest as any).apis as any[];
  return {
    reg,
    decodeCall(api, method, resultHex) {
      const m = apis.find((a) => a.name.toString() === api).methods.find((x: any) => x.name.toString() === method);
      const v = reg.createType(reg.createLookupType(m.output.toNumber()), resultHex) as any;
      return (typeof v.unwrap === 'function' ? v.unwrap() : v).toJSON();
    },
  };
}
