// Starts one local Subtensor chain (chopsticks) for all integration tests and hands its URL to them
// via vitest's provide/inject. When no chain spec is available, integration tests skip with the reason.
import type { TestProject } from 'vitest/node';
import { chainSkipReason, startLocalChain, type LocalChain } from '../scripts/local-chain.js';

let chain: LocalChain | undefined;

export async function setup(project: TestProject): Promise<void> {
  try {
    chain = await startLocalChain();
    project.provide('chainUrl', chain.url);
    project.provide('chainSkip', '');
  } catch (e) {
    project.provide('chainUrl', '');
    project.provide('chainSkip', `${chainSkipReason()} / ${(e as Error).message.slice(0, 300)}`);
  }
}

export async function teardown(): Promise<void> {
  await chain?.stop();
}

declare module 'vitest' {
  export interface ProvidedContext {
    chainUrl: string;
    chainSkip: string;
  }
}
