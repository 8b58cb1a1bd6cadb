// Parse the Python literal that the Bittensor SDKs ship their recorded JSON-RPC traffic in
// (`WEBSOCKET_RESPONSES = {...}`): dicts, lists, tuples, str (single or double quoted), numbers,
// True/False/None, comments, trailing commas, and `cycle([...])` for calls answered differently in
// turn (→ `{ "__cycle__": [...] }`, the shape of ../shared/fixtures/finney/recorded-rpc.json).
// Used only to rebuild that fixture on a machine without ../shared.

export function parsePythonLiteral(src: string, assignment = 'WEBSOCKET_RESPONSES'): unknown {
  const at = src.indexOf(`${assignment} =`);
  if (at < 0) throw new Error(`no "${assignment} =" in the Python source`);
  let i = src.indexOf('=', at) + 1;

  const fail = (what: string): never => {
    const line = src.slice(0, i).split('\n').length;
    throw new Error(`Python literal: ${what} at line ${line}`);
  };
  const skip = () => {
    for (;;) {
      const c = src[i];
      if (c === ' ' || c === '\n' || c === '\r' || c === '\t') i++;
      else if (c === '#') while (i < src.length && src[i] !== '\n') i++;
      else return;
    }
  };
  const seq = (close: string): unknown[] => {
    const out: unknown[] = [];
    for (;;) {
      skip();
      if (src[i] === close) {
        i++;
        return out;
      }
      out.push(value());
      skip();
      if (src[i] === ',') i++;
      else if (src[i] !== close) fail(`expected "," or "${close}"`);
    }
  };
  const str = (): string => {
    const q = src[i++];
    let out = '';
    for (;;) {
      const c = src[i++];
      if (c === undefined) fail('unterminated string');
      if (c === q) return out;
      if (c !== '\\') {
        out += c;
        continue;
      }
      const e = src[i++];
      const hex = (n: number) => {
        const h = src.slice(i, i + n);
        i += n;
        return String.fromCodePoint(parseInt(h, 16));
      };
      if (e === 'n') out += '\n';
      else if (e === 't') out += '\t';
      else if (e === 'r') out += '\r';
      else if (e === 'x') out += hex(2);
      else if (e === 'u') out += hex(4);
      else if (e === 'U') out += hex(8);
      else if (e === '\n') continue;
      else out += e;
    }
  };
  function value(): unknown {
    skip();
    const c = src[i];
    if (c === '{') {
      i++;
      const out: Record<string, unknown> = {};
      for (;;) {
        skip();
        if (src[i] === '}') {
          i++;
          return out;
        }
        const k = value();
        skip();
        if (src[i++] !== ':') fail('expected ":"');
        out[String(k)] = value();
        skip();
        if (src[i] === ',') i++;
        else if (src[i] !== '}') fail('expected "," or "}"');
      }
    }
    if (c === '[') {
      i++;
      return seq(']');
    }
    if (c === '(') {
      i++;
      return seq(')');
    }
    if (c === '"' || c === "'") {
      // adjacent literals concatenate, as in Python
      let s = str();
      for (;;) {
        const save = i;
        skip();
        if (src[i] === '"' || src[i] === "'") s += str();
        else {
          i = save;
          return s;
        }
      }
    }
    const word = /^(True|False|None|cycle\(|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(src.slice(i, i + 40));
    if (!word) fail(`unexpected ${JSON.stringify(src.slice(i, i + 20))}`);
    i += word![0].length;
    switch (word![0]) {
      case 'True':
        return true;
      case 'False':
        return false;
      case 'None':
        return null;
      case 'cycle(': {
        const [items] = seq(')');
        return { __cycle__: items };
      }
      default:
        return Number(word![0]);
    }
  }
  return value();
}

/**
 * The recorded-traffic file as ../shared/fixtures keeps it: the same data as JSON, params keys
 * re-serialised compactly.
 */
export function recordedTrafficFromPython(src: string): Record<string, Record<string, Record<string, unknown>>> {
  const data = parsePythonLiteral(src) as Record<string, Record<string, Record<string, unknown>>>;
  for (const scenario of Object.values(data)) {
    for (const [method, byParams] of Object.entries(scenario)) {
      const out: Record<string, unknown> = {};
      for (const [k, v] of Object.entries(byParams)) {
        let key = k;
        try {
          key = JSON.stringify(JSON.parse(k));
        } catch {
          /* keep non-JSON keys as they are */
        }
        out[key] = v;
      }
      scenario[method] = out;
    }
  }
  return data;
}
