// One process start for the cache tests: connect to argv[2] with a file metadata store in argv[3],
// read System.Account(Alice), print what went over the wire as JSON.
import { SubstrateClient, fileMetadataStore } from '../../src/substrate/index.js';
import { metadataRequests, recordingProvider } from './recording-provider.js';

const [url, dir] = process.argv.slice(2);
const rec = recordingProvider(url!);
const warnings: string[] = [];
const client = await SubstrateClient.connect(rec.provider, { metadataStore: fileMetadataStore(dir, { onWarning: (m) => warnings.push(m) }) });
const alice = await client.query<{ data: { free: bigint } }>('System', 'Account', ['5GrwvaEF5zXb26Fz9rcQpDWS57CtERHpNehXCPcNoHGKutQY']);
const spec = client.runtimes && (await client.runtime()).version.specVersion;
await client.close();
console.log(JSON.stringify({ spec, free: String(alice.data.free), metadataRequests: metadataRequests(rec), warnings }));
