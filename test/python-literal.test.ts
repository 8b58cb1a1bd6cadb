// The converter that rebuilds the recorded-traffic fixture from the SDK's published Python literal
// on machines without ../shared (checked here on the shapes that file uses; in a session with both
// files it was checked to reproduce recorded-rpc.json and recorded-rpc-spec393.json exactly).
import { describe, expect, it } from 'vitest';
import { parsePythonLiteral, recordedTrafficFromPython } from '../scripts/python-literal.js';

const SAMPLE = `# comment
from itertools import cycle

WEBSOCKET_RESPONSES = {
    "get_balance": {
        "chain_getHead": {"[]": {"result": "0xabc"}},
        "state_getStorageAt": {
            '["0x26aa", "0x1b3f"]': {"jsonrpc": "2.0", "result": None},  # trailing comment
        },
        "rpc_methods": {"[]": {"result": {"methods": ["a", 'b\\'c'], "ok": True, "n": -12, "f": 1.5e3, "t": (1, 2,)}}},
        "state_getRuntimeVersion": {
            '["0x01"]': cycle([{"result": {"specVersion": 1}}, {"result": {"specVersion": 2}},]),
        },
    },
}
`;

describe('Python literal → recorded-traffic JSON', () => {
  it('parses dicts, lists, tuples, quotes, None/True, numbers, comments and cycle([...])', () => {
    expect(recordedTrafficFromPython(SAMPLE)).toEqual({
      get_balance: {
        chain_getHead: { '[]': { result: '0xabc' } },
        state_getStorageAt: { '["0x26aa","0x1b3f"]': { jsonrpc: '2.0', result: null } },
        rpc_methods: { '[]': { result: { methods: ['a', "b'c"], ok: true, n: -12, f: 1500, t: [1, 2] } } },
        state_getRuntimeVersion: { '["0x01"]': { __cycle__: [{ result: { specVersion: 1 } }, { result: { specVersion: 2 } }] } },
      },
    });
  });

  it('names the line of malformed input', () => {
    expect(() => parsePythonLiteral('WEBSOCKET_RESPONSES = {\n  "a": [1, 2\n  "b"\n}')).toThrow(/line 3/);
    expect(() => parsePythonLiteral('X = 1')).toThrow(/no "WEBSOCKET_RESPONSES =/);
  });
});
