// Packaging check: every subpath export resolves and loads through the package name, from ESM
// (import) and from CJS (require), using the built dist/.
import { createRequire } from 'node:module';

const require = createRequire(import.meta.url);
const subpaths = ['', '/scale', '/rpc', '/substrate', '/subtensor', '/typegen', '/keys', '/keys/node'];
let failed = 0;
for (const sub of subpaths) {
  const name = `substrate-lite${sub}`;
  for (const [kind, load] of [['esm', () => import(name)], ['cjs', async () => require(name)]]) {
    try {
      const m = await load();
      const n = Object.keys(m).length;
      if (n === 0) throw new Error('no exports');
      console.log(`ok   ${kind} ${name} (${n} exports)`);
    } catch (e) {
      failed++;
      console.log(`FAIL ${kind} ${name}: ${e.message}`);
    }
  }
}
process.exit(failed ? 1 : 0);
