/** What storage holds for one event key, read from the store itself (not through the gateway's answers). */
export interface KeyInspection {
  /** Event rows with this key (1 when stored, never more). */
  readonly events: number;
  /** Outbox entries of those events (one per event). */
  readonly outbox: number;
  /** Entries among them handed off (done). */
  readonly handedOff: number;
}

/**
 * A running gateway the reliability suites drive over HTTP, with the few test-only hooks they need. Every
 * gateway (workerd through Miniflare, Node, ...) provides one; the suites know nothing else of it.
 */
export interface ReliabilityTarget {
  readonly baseUrl: string;
  readonly apiToken: string;
  readonly callback: { readonly username: string; readonly password: string };
  /** A callback URL token the gateway accepts for any integration: the suites then send One API bodies too. */
  readonly callbackToken?: string;
  /** The gateway's limits as configured: body caps, stall bound, depth (see `GATEWAY_LIMITS`). */
  readonly limits: {
    readonly statusCallbackBytes: number;
    readonly inboundCallbackBytes: number;
    readonly bodyStallMs: number;
    readonly maxJsonDepth: number;
  };
  /** Events, outbox entries and hand-offs by key, straight from storage. */
  inspect(keys: readonly string[]): Promise<Map<string, KeyInspection>>;
  /** Runs the scheduled drain once (what a Cron Trigger or timer does) and waits for it. */
  drain(): Promise<void>;
  /** Makes storage and hand-off calls fail at `rate` (0 heals); only a test build of the gateway can. */
  setFaultRate?(rate: number): Promise<void>;
}

/** A target whose gateway runs in a process of its own that can be killed hard and started again. */
export interface KillableTarget {
  /** Starts the gateway on the state of the last run (or a fresh one the first time). */
  start(): Promise<ReliabilityTarget>;
  /** SIGKILL to the gateway's whole process group: no shutdown, no flush. */
  kill(): Promise<void>;
  /** Stops it for good and removes its state. */
  dispose(): Promise<void>;
}
