export {
  inboundFiles,
  inboundText,
  mediaFile,
  newId,
  newMsisdn,
  outboundRecord,
  prng,
  shuffle,
  statusEvent,
} from './fixtures.ts';
export {
  type DownloadFaultOptions,
  type DownloadFaultReport,
  runDownloadFaults,
} from './run-download-faults.ts';
export {
  type FaultInjectionOptions,
  type FaultInjectionReport,
  runFaultInjection,
} from './run-fault-injection.ts';
export {
  type GatewayHttpContractOptions,
  type GatewayHttpTarget,
  runGatewayHttpContract,
} from './run-gateway-http-contract.ts';
export { runStoreContract, type StoreContractOptions } from './run-store-contract.ts';
