// Keyfile I/O with the guarantees the wallet needs: owner-only modes (files 0600, directories
// 0700 on POSIX), atomic writes (temp file in the same directory, fsync, then link or rename, so
// a crash leaves the old key or the new one, never half of one), no silent overwrite (link()
// fails if the target appeared meanwhile), and typed errors naming the file for I/O failures.
import { randomBytes } from 'node:crypto';
import { link, mkdir, open, readFile, rename, unlink } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { KeyfileError, KeyfileExistsError } from '../errors.js';

function ioError(path: string, e: unknown): KeyfileError {
  const code = (e as NodeJS.ErrnoException).code;
  if (code === 'EACCES' || code === 'EPERM') return new KeyfileError(path, `permission denied (${code})`);
  if (code === 'EISDIR') return new KeyfileError(path, 'is a directory, not a keyfile');
  return new KeyfileError(path, `I/O error ${code ?? ''}: ${(e as Error).message}`.trim());
}

/** Read a keyfile; undefined when it does not exist. */
export async function readKeyfileBytes(path: string): Promise<Uint8Array | undefined> {
  try {
    return new Uint8Array(await readFile(path));
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw ioError(path, e);
  }
}

export async function ensureDir(dir: string): Promise<void> {
  try {
    await mkdir(dir, { recursive: true, mode: 0o700 });
  } catch (e) {
    throw ioError(dir, e);
  }
}

/** Write `data` to `path` atomically with mode 0600; refuse to replace an existing file unless `overwrite`. */
export async function writeKeyfileAtomic(path: string, data: Uint8Array, overwrite: boolean): Promise<void> {
  await ensureDir(dirname(path));
  const tmp = join(dirname(path), `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    const fh = await open(tmp, 'wx', 0o600);
    try {
      await fh.writeFile(data);
      await fh.sync();
    } finally {
      await fh.close();
    }
    if (overwrite) await rename(tmp, path);
    else await link(tmp, path); // EEXIST if the target exists: never replaces
  } catch (e) {
    if ((e as NodeJS.ErrnoException).code === 'EEXIST') throw new KeyfileExistsError(path);
    throw ioError(path, e);
  } finally {
    await unlink(tmp).catch(() => undefined); // after link(): the temp name; after rename(): already gone
  }
}
