import type { RowStatus } from './journal-records.ts';

/** What the gateway knows of a clientMessageId: the accepted message and its current status, if any. */
export type GatewayAnswer =
  | { readonly found: true; readonly messageId: string; readonly status: RowStatus }
  | { readonly found: false };

/** The gateway refused or failed a lookup: a wrong token, a wrong URL, or it is down. */
export class GatewayError extends Error {
  constructor(
    message: string,
    readonly httpStatus?: number,
    options?: { cause?: unknown },
  ) {
    super(message, options);
    this.name = 'GatewayError';
  }
}

interface MessageView {
  readonly messageId: string | null;
  readonly status: RowStatus | null;
}

/**
 * Looks up rows at the gateway (`GET /api/messages?clientMessageId=`, `Authorization: Bearer <token>`).
 * A message counts only with a `messageId` and a status: the platform accepted it and called back. When
 * several answer (sent twice by a bug elsewhere), the newest status wins.
 */
export function createGatewayLookup(options: {
  readonly gateway: string;
  readonly token: string;
  readonly fetch?: typeof fetch;
}): (clientMessageId: string) => Promise<GatewayAnswer> {
  const doFetch = options.fetch ?? fetch;
  const base = options.gateway.replace(/\/+$/, '');
  return async (clientMessageId) => {
    const url = `${base}/api/messages?clientMessageId=${encodeURIComponent(clientMessageId)}`;
    const response = await doFetch(url, { headers: { authorization: `Bearer ${options.token}` } });
    if (response.status === 401) {
      await response.body?.cancel();
      throw new GatewayError('the gateway refused CLICKWA_API_TOKEN (HTTP 401)', 401);
    }
    if (!response.ok) {
      await response.body?.cancel();
      throw new GatewayError(`the gateway answered HTTP ${response.status} to ${url}`, response.status);
    }
    let body: { messages?: readonly MessageView[] };
    try {
      body = (await response.json()) as typeof body;
    } catch (error) {
      throw new GatewayError(`${url} did not answer JSON: is --gateway the gateway's URL?`, undefined, {
        cause: error,
      });
    }
    if (!Array.isArray(body.messages)) {
      throw new GatewayError(`${url} did not answer { messages }: is --gateway the gateway's URL?`);
    }
    let best: { messageId: string; status: RowStatus } | undefined;
    for (const m of body.messages) {
      if (!m.messageId || !m.status) continue;
      if (!best || m.status.timestamp > best.status.timestamp) {
        const { code, status, timestamp } = m.status;
        best = { messageId: m.messageId, status: { code, status, timestamp } };
      }
    }
    return best ? { found: true, ...best } : { found: false };
  };
}
