// The coldkey password in an environment variable, as bittensor-wallet stores it: the variable is
// named after the keyfile path (`BT_PW_` + path with separators and dots as `_`, upper-cased) and
// holds base64(password XOR the variable name, repeated). This is obfuscation, not encryption:
// anyone who can read the environment can undo it.
const enc = new TextEncoder();

/** `BT_PW_…` name for a keyfile path (`sep` is the platform separator btwallet replaces). */
export function passwordEnvVarName(keyfilePath: string, sep = '/'): string {
  return `BT_PW_${keyfilePath.split(sep).join('_').replace(/\./g, '_').toUpperCase()}`;
}

function xorWithName(data: Uint8Array, name: string): Uint8Array {
  const key = enc.encode(name);
  return data.map((b, i) => b ^ key[i % key.length]);
}

/** The value bittensor-wallet puts in the variable for `password`. */
export function obfuscatePassword(password: string, varName: string): string {
  return btoa(String.fromCharCode(...xorWithName(enc.encode(password), varName)));
}

/** The password from a variable's value; undefined when it is not valid base64 or UTF-8. */
export function revealPassword(value: string, varName: string): string | undefined {
  try {
    const raw = Uint8Array.from(atob(value.trim()), (c) => c.charCodeAt(0));
    return new TextDecoder('utf-8', { fatal: true }).decode(xorWithName(raw, varName));
  } catch {
    return undefined;
  }
}
