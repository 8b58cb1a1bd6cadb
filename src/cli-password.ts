// Read a password from the controlling terminal without echo (raw mode, one key at a time), so
// it never appears on screen, in shell history or in argv. Without a TTY we refuse rather than
// read a pipe silently: scripts should use bittensor's BT_PW_… variable.
import { SubstrateLiteError } from './errors.js';

export function readPasswordFromTty(prompt: string): Promise<string> {
  const input = process.stdin;
  if (!input.isTTY) {
    return Promise.reject(new SubstrateLiteError('no terminal to read the password from; set the BT_PW_… variable bittensor-wallet uses'));
  }
  process.stderr.write(prompt);
  input.setRawMode(true);
  input.resume();
  input.setEncoding('utf8');
  return new Promise((resolve, reject) => {
    let pw = '';
    const done = (err?: Error) => {
      input.setRawMode(false);
      input.pause();
      input.off('data', onData);
      process.stderr.write('\n');
      if (err) reject(err);
      else resolve(pw);
    };
    const onData = (chunk: string) => {
      for (const ch of chunk) {
        if (ch === '\r' || ch === '\n') return done();
        if (ch === '\u0003') return done(new SubstrateLiteError('password entry cancelled'));
        if (ch === '\u007f' || ch === '\b') pw = Array.from(pw).slice(0, -1).join('');
        else if (ch >= ' ') pw += ch;
      }
    };
    input.on('data', onData);
  });
}
