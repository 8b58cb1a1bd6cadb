// System.Events decoded into flat records: which extrinsic (phase), pallet, event name, fields.
import { decode, type Registry } from '../scale/index.js';
import { bytesArg, registryArg } from './validate.js';

export interface ChainEvent {
  /** Position in the block's event list. */
  index: number;
  /** `{ type: 'ApplyExtrinsic', value: n }`, `'Finalization'` or `'Initialization'`. */
  phase: unknown;
  /** Extrinsic index when the phase is ApplyExtrinsic, else null. */
  extrinsicIndex: number | null;
  pallet: string;
  name: string;
  /** The event's fields (object for named fields, value or tuple otherwise; undefined if none). */
  data: unknown;
  topics: unknown[];
}

type Enum = { type: string; value?: unknown } | string;
const name = (e: Enum) => (typeof e === 'string' ? e : e.type);
const inner = (e: Enum) => (typeof e === 'string' ? undefined : e.value);

/** System.Events storage bytes (or hex) → flat event records. */
export function decodeEvents(registry: Registry, bytes: Uint8Array | string): ChainEvent[] {
  registryArg(registry, 'registry');
  bytesArg(bytes, 'bytes');
  const { entry } = registry.storageEntry('System', 'Events');
  const records = decode(registry.codec(entry.valueType), bytes) as { phase: Enum; event: Enum; topics: unknown[] }[];
  return records.map((r, index) => {
    const ev = inner(r.event) as Enum;
    return {
      index,
      phase: r.phase,
      extrinsicIndex: name(r.phase) === 'ApplyExtrinsic' ? (inner(r.phase) as number) : null,
      pallet: name(r.event),
      name: ev === undefined ? '' : name(ev),
      data: ev === undefined ? undefined : inner(ev),
      topics: r.topics,
    };
  });
}
