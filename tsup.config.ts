import { defineConfig } from 'tsup';

// One entry per layer so `substrate-lite/scale` etc. tree-shake on their own; `ws` stays
// external (it is only a Node < 22 fallback, loaded lazily). `keys/node` (wallet files, node:fs)
// is its own entry so `keys` stays free of Node built-ins for edge and browser bundles.
export default defineConfig({
  entry: {
    index: 'src/index.ts',
    'scale/index': 'src/scale/index.ts',
    'rpc/index': 'src/rpc/index.ts',
    'substrate/index': 'src/substrate/index.ts',
    'subtensor/index': 'src/subtensor/index.ts',
    'chains/index': 'src/chains/index.ts',
    'typegen/index': 'src/typegen/index.ts',
    'keys/index': 'src/keys/index.ts',
    'keys/node/index': 'src/keys/node/index.ts',
    cli: 'src/cli.ts',
    // The platform's default metadata store, one file per platform family: metadata-cache.ts
    // imports it as `#default-store`, which package.json `imports` maps by condition, so browser
    // and worker bundlers of dist/ pick the web one and never see the file store.
    'substrate/default-store': 'src/substrate/default-store.ts',
    'substrate/default-store-web': 'src/substrate/default-store-web.ts',
  },
  format: ['esm', 'cjs'],
  dts: true,
  clean: true,
  sourcemap: false,
  target: 'es2022',
  splitting: true,
  treeshake: true,
  external: ['ws', '#default-store'],
  esbuildPlugins: [
    {
      name: 'default-store',
      setup(b) {
        // src/ imports `#src/default-store` (package.json `imports`, src targets); dist/ imports
        // `#default-store` (dist targets) and so leaves the choice to the consumer's bundler.
        b.onResolve({ filter: /^#src\/default-store$/ }, () => ({ path: '#default-store', external: true }));
      },
    },
  ],
});
