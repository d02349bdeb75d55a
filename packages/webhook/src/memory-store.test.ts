import { runStoreContract } from './contract/run-store-contract.ts';
import { createMemoryStore } from './memory-store.ts';

runStoreContract('memory', createMemoryStore);
