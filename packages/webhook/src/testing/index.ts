// The reliability suites: HTTP-level parts any gateway runs against itself by base URL (Node: raw sockets);
// and the local stack's integrations, one per API (`pnpm start`, `pnpm start:node`, `pnpm demo`).

export {
  brokePromise,
  type GatewayProcess,
  type GatewayProcesses,
  gatewayProcesses,
  type HttpTargetOptions,
  httpTarget,
  type PartCounts,
  runAllParts,
} from './gateway-process.ts';
export {
  describeLocalIntegrations,
  type LocalEmulatorIntegration,
  type LocalIntegrations,
  type LocalIntegrationsOptions,
  localIntegrations,
  localStackApi,
} from './local-integrations.ts';
export type { PartCheck, PartReport } from './part-report.ts';
export { openRawConnection, type RawAnswer, type RawConnection, type RawPart } from './raw-connection.ts';
export { type RunContext, reliabilitySection, replaceSection } from './reliability-markdown.ts';
export type { KeyInspection, KillableTarget, ReliabilityTarget } from './reliability-target.ts';
export { type FaultsOptions, runFaults } from './run-faults.ts';
export { type FuzzOptions, runFuzz } from './run-fuzz.ts';
export { runSigkill, type SigkillOptions } from './run-sigkill.ts';
export { runStorm, type StormOptions } from './run-storm.ts';
export {
  freePort,
  type PrintedCurlsRun,
  printedLine,
  readUntil,
  runInBash,
  type StartedScript,
  startScript,
  tryPrintedCurls,
} from './start-script.ts';
