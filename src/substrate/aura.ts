/**
 * The Aura slot of a block, from its pre-runtime digest: the slot indexes Aura.Authorities at the
 * parent block, which names the block's author.
 * @module
 */
import { fromHex } from '../scale/index.js';
import { arrayArg, hexArg } from './validate.js';

/** Slot number from an Aura PreRuntime digest item (0x06 ++ "aura" ++ Vec<u8> of a u64 slot). */
export function auraSlot(logs: string[]): bigint | null {
  for (const [i, log] of arrayArg(logs, 'logs').entries()) {
    const b = fromHex(hexArg(log, `logs[${i}]`));
    if (b.length === 14 && b[0] === 6 && b[1] === 0x61 && b[2] === 0x75 && b[3] === 0x72 && b[4] === 0x61 && b[5] === 0x20) {
      return new DataView(b.buffer, b.byteOffset).getBigUint64(6, true);
    }
  }
  return null;
}

