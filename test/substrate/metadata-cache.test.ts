// The persistent metadata cache: the envelope rejects damaged and foreign entries, the file store
// survives read-only directories and concurrent cold starts, and a warm start downloads nothing.
import { execFile } from 'node:child_process';
import { copyFileSync, mkdtempSync, readdirSync, readFileSync, truncateSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, inject, it } from 'vitest';
import { PROJECT_ROOT, readHexFixture } from '../../scripts/fixtures.js';
import { SubstrateClient, crc32, defaultCacheDir, fileMetadataStore, metadataKey, openMetadata, sealMetadata, type EnvelopeProblem } from '../../src/substrate/index.js';
import { metadataRequests, recordingProvider } from '../helpers/recording-provider.js';

const run = promisify(execFile);
const url = inject('chainUrl');
const GENESIS_A = '0x' + 'a1'.repeat(32);
const GENESIS_B = '0x' + 'b2'.repeat(32);
const tmp = () => mkdtempSync(join(tmpdir(), 'sl-mdc-'));

let md: Uint8Array;
beforeAll(async () => {
  md = (await readHexFixture('finney/metadata-v15-option.hex')) ?? new TextEncoder().encode('meta\x0f' + 'x'.repeat(1000));
});

describe('metadata envelope', () => {
  it('round-trips and rejects each kind of damage with its reason', () => {
    const sealed = sealMetadata(GENESIS_A, 343, md);
    expect(openMetadata(GENESIS_A, 343, sealed)).toEqual({ metadata: md });
    const flipped = sealed.slice();
    flipped[flipped.length - 100] ^= 1;
    const cases: [Uint8Array, string, number, EnvelopeProblem][] = [
      [flipped, GENESIS_A, 343, 'checksum'],
      [sealed.subarray(0, sealed.length - 1), GENESIS_A, 343, 'truncated'],
      [sealed.subarray(0, 20), GENESIS_A, 343, 'truncated'],
      [sealed, GENESIS_B, 343, 'genesis'],
      [sealed, GENESIS_A, 344, 'spec'],
      [md, GENESIS_A, 343, 'magic'],
    ];
    for (const [data, g, v, problem] of cases) expect(openMetadata(g, v, data)).toEqual({ problem });
  });
});

describe('crc32', () => {
  it('matches the standard check values', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
    expect(crc32(new TextEncoder().encode('The quick brown fox jumps over the lazy dog'))).toBe(0x414fa339);
  });
});

describe('file metadata store', () => {
  it('discards a corrupt, truncated or foreign file (deleting it) and never throws', async () => {
    const dir = tmp();
    const discarded: string[] = [];
    const store = fileMetadataStore(dir, { onDiscard: (_k, p) => discarded.push(p) });
    await store.set(GENESIS_A, 343, md);
    const file = join(dir, `${metadataKey(GENESIS_A, 343)}.slmd`);
    expect(await store.get(GENESIS_A, 343)).toEqual(md);
    const good = readFileSync(file);

    const corrupt = Buffer.from(good);
    corrupt[corrupt.length - 7] ^= 0xff;
    writeFileSync(file, corrupt);
    expect(await store.get(GENESIS_A, 343)).toBeNull();
    expect(readdirSync(dir)).toEqual([]);

    writeFileSync(file, good);
    truncateSync(file, good.length - 1000);
    expect(await store.get(GENESIS_A, 343)).toBeNull();

    // a file of chain A renamed to chain B's key / spec 344's key
    writeFileSync(file, good);
    copyFileSync(file, join(dir, `${metadataKey(GENESIS_B, 343)}.slmd`));
    copyFileSync(file, join(dir, `${metadataKey(GENESIS_A, 344)}.slmd`));
    expect(await store.get(GENESIS_B, 343)).toBeNull();
    expect(await store.get(GENESIS_A, 344)).toBeNull();
    expect(await store.get(GENESIS_A, 343)).toEqual(md);
    expect(discarded).toEqual(['checksum', 'truncated', 'genesis', 'spec']);
    expect(readdirSync(dir)).toEqual([`${metadataKey(GENESIS_A, 343)}.slmd`]);
  });

  it('a directory that cannot be written: memory fallback with exactly one warning', async () => {
    const parent = tmp();
    writeFileSync(join(parent, 'not-a-dir'), 'x');
    const warnings: string[] = [];
    const store = fileMetadataStore(join(parent, 'not-a-dir', 'cache'), { onWarning: (m) => warnings.push(m) });
    await store.set(GENESIS_A, 343, md);
    await store.set(GENESIS_A, 344, md);
    expect(await store.get(GENESIS_A, 343)).toEqual(md);
    expect(await store.get(GENESIS_A, 344)).toEqual(md);
    expect(await store.get(GENESIS_B, 343)).toBeNull();
    expect(warnings.length).toBe(1);
    expect(warnings[0]).toMatch(/not writable.*ENOTDIR/);
  });

  // root ignores permission bits, so this one runs only as an ordinary user (the ENOTDIR case above runs everywhere)
  it.skipIf(process.getuid?.() === 0)('a read-only (0555) directory: reads still hit, writes fall back to memory with one warning', async () => {
    const { chmodSync } = await import('node:fs');
    const dir = tmp();
    await fileMetadataStore(dir).set(GENESIS_A, 343, md);
    chmodSync(dir, 0o555);
    try {
      const warnings: string[] = [];
      const store = fileMetadataStore(dir, { onWarning: (m) => warnings.push(m) });
      expect(await store.get(GENESIS_A, 343)).toEqual(md);
      await store.set(GENESIS_A, 344, md);
      await store.set(GENESIS_A, 345, md);
      expect(await store.get(GENESIS_A, 345)).toEqual(md);
      expect(warnings.length).toBe(1);
      expect(warnings[0]).toMatch(/EACCES|EPERM|EROFS/);
    } finally {
      chmodSync(dir, 0o755);
    }
  });

  it('evicts least recently used runtimes beyond maxBytes', async () => {
    const dir = tmp();
    const small = new Uint8Array(10_000).fill(0x6d); // any bytes: the store keeps them opaque (and this needs no fixture)
    const store = fileMetadataStore(dir, { maxBytes: 25_000 });
    await store.set(GENESIS_A, 1, small);
    await new Promise((r) => setTimeout(r, 20));
    await store.set(GENESIS_A, 2, small);
    await new Promise((r) => setTimeout(r, 20));
    await store.get(GENESIS_A, 1); // 1 is now more recently used than 2
    await new Promise((r) => setTimeout(r, 20));
    await store.set(GENESIS_A, 3, small);
    expect(readdirSync(dir).sort()).toEqual([`${metadataKey(GENESIS_A, 1)}.slmd`, `${metadataKey(GENESIS_A, 3)}.slmd`]);
  });

  it('default directory follows XDG / macOS / Windows conventions', async () => {
    expect(await defaultCacheDir({ HOME: '/home/u' }, 'linux')).toBe('/home/u/.cache/substrate-lite');
    expect(await defaultCacheDir({ HOME: '/home/u', XDG_CACHE_HOME: '/x/c' }, 'linux')).toBe('/x/c/substrate-lite');
    expect(await defaultCacheDir({ HOME: '/Users/u' }, 'darwin')).toBe('/Users/u/Library/Caches/substrate-lite');
    expect(await defaultCacheDir({ USERPROFILE: 'C:\\Users\\u', LOCALAPPDATA: 'C:\\Users\\u\\AppData\\Local' }, 'win32')).toBe('C:\\Users\\u\\AppData\\Local/substrate-lite');
  });
});

describe.skipIf(!url)('warm starts on the local chain', () => {
  it('a warm start sends no metadata request; a corrupt cache file is re-downloaded and decodes', async () => {
    const dir = tmp();
    const cold = recordingProvider(url);
    const a = await SubstrateClient.connect(cold.provider, { metadataStore: fileMetadataStore(dir) });
    const aliceCold = await a.query('System', 'Account', ['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY']);
    await a.close();
    expect(metadataRequests(cold)).toBeGreaterThan(0);

    const warm = recordingProvider(url);
    const b = await SubstrateClient.connect(warm.provider, { metadataStore: fileMetadataStore(dir) });
    expect(metadataRequests(warm)).toBe(0);
    const connectCalls = warm.calls.map((c) => c.method).sort();
    expect(await b.query('System', 'Account', ['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'])).toEqual(aliceCold);
    await b.close();
    expect(connectCalls).toEqual(['chain_getBlockHash', 'state_subscribeRuntimeVersion']); // the version comes with the subscription
    expect(warm.bytesReceived).toBeLessThan(5_000);

    const [file] = readdirSync(dir);
    const bytes = readFileSync(join(dir, file!));
    bytes[bytes.length - 5000] ^= 0x55;
    writeFileSync(join(dir, file!), bytes);
    const again = recordingProvider(url);
    const c = await SubstrateClient.connect(again.provider, { metadataStore: fileMetadataStore(dir) });
    expect(metadataRequests(again)).toBeGreaterThan(0);
    expect(await c.query('System', 'Account', ['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY'])).toEqual(aliceCold);
    await c.close();
  });

  it('which runtime a block ran on survives a restart: the second process asks nothing about old blocks', async () => {
    const dir = tmp();
    const a = await SubstrateClient.connect(url, { metadataStore: fileMetadataStore(dir) });
    const head = await a.getBlockHeader();
    const blocks = [head.hash, head.parentHash];
    const specs = await Promise.all(blocks.map(async (blockHash) => (await a.runtime({ blockHash })).version.specVersion));
    await a.close(); // flushes the facts
    const rec = recordingProvider(url);
    const b = await SubstrateClient.connect(rec.provider, { metadataStore: fileMetadataStore(dir) });
    rec.reset();
    expect(await Promise.all(blocks.map(async (blockHash) => (await b.runtime({ blockHash })).version.specVersion))).toEqual(specs);
    expect(rec.calls).toEqual([]);
    await b.close();
    // a damaged facts document is ignored, not fatal
    const facts = readdirSync(dir).find((f) => f.includes('facts'))!;
    writeFileSync(join(dir, facts), '{"genesis":');
    const c = await SubstrateClient.connect(url, { metadataStore: fileMetadataStore(dir) });
    expect((await c.runtime({ blockHash: blocks[0] })).version.specVersion).toBe(specs[0]);
    await c.close();
  });

  it('hashes of finalised block numbers survive a restart; unfinalised numbers are always asked', async () => {
    const dir = tmp();
    const a = await SubstrateClient.connect(url, { metadataStore: fileMetadataStore(dir) });
    const head = await a.getBlockHeader({ finalizedOnly: true });
    const numbers = [0, head.number];
    const hashes = await Promise.all(numbers.map((n) => a.getBlockHash(n)));
    expect(hashes[1]).toBe(head.hash);
    await a.close(); // flushes the facts
    const rec = recordingProvider(url);
    const b = await SubstrateClient.connect(rec.provider, { metadataStore: fileMetadataStore(dir) });
    rec.reset();
    expect(await Promise.all(numbers.map((n) => b.getBlockHash(n)))).toEqual(hashes);
    expect(rec.calls).toEqual([]);
    // a number above the finalised mark goes to the node (and is answered there)
    await expect(b.getBlockHash(head.number + 1000)).rejects.toThrow(/block 1\d*|not found/i);
    expect(rec.calls.map((c) => c.method)).toContain('chain_getBlockHash');
    await b.close();
  });

  it('10 processes starting at once on a cold cache all succeed and leave one whole file', async () => {
    const dir = tmp();
    const child = join(PROJECT_ROOT, 'test', 'helpers', 'warm-start-child.ts');
    const start = () => run(process.execPath, ['--import', 'tsx', child, url, dir], { cwd: PROJECT_ROOT, timeout: 120_000 }).then((r) => JSON.parse(r.stdout.trim().split('\n').pop()!));
    const results = await Promise.all(Array.from({ length: 10 }, start));
    for (const r of results) expect(r).toMatchObject({ spec: 218, warnings: [] });
    expect(new Set(results.map((r) => r.free)).size).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.slmd') && !f.includes('facts')).length).toBe(1);
    expect(readdirSync(dir).filter((f) => f.endsWith('.tmp'))).toEqual([]);
    const next = await start();
    expect(next.metadataRequests).toBe(0);
    expect(next.free).toBe(results[0].free);
  }, 180_000);
});
