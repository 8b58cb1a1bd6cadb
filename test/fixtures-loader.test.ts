import { describe, expect, it } from 'vitest';
import { fixturePath, fixtureSkipReason, readHexFixture } from '../scripts/fixtures.js';

describe('shared fixtures loader', () => {
  it('reports a reason instead of throwing for an unknown fixture', async () => {
    expect(await fixturePath('no/such-file.bin')).toBeNull();
    expect(fixtureSkipReason('no/such-file.bin')).toMatch(/no public download is known for no\/such-file\.bin/);
  });

  it('reads finney V14 metadata as bytes starting with the "meta" magic', async (ctx) => {
    const bytes = await readHexFixture('finney/metadata-v14.hex');
    if (!bytes) return ctx.skip(fixtureSkipReason('finney/metadata-v14.hex'));
    expect(Array.from(bytes.subarray(0, 5))).toEqual([0x6d, 0x65, 0x74, 0x61, 14]);
  });
});
