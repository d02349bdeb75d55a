export { inboundText, newId, newMsisdn, outboundRecord, prng, shuffle, statusEvent } from './fixtures.ts';
export { runStoreContract, type StoreContractOptions } from './run-store-contract.ts';
