import { createClient, text } from '@clickwa/core';

interface Env {
  readonly CLICKATELL_API_KEY: string;
  /** Unset or empty: https://platform.clickatell.com; the emulator locally. */
  readonly CLICKATELL_BASE_URL?: string;
}

export default {
  // POST { "to": "+27 99 900 0001", "text": "Hello from the edge" }. The client uses the global fetch unbound,
  // as Workers require.
  async fetch(request: Request, env: Env): Promise<Response> {
    if (request.method !== 'POST') return new Response('POST {"to","text"}', { status: 405 });
    const { to, text: body } = (await request.json()) as { to: string; text: string };
    const client = createClient({
      apiKey: env.CLICKATELL_API_KEY,
      baseUrl: env.CLICKATELL_BASE_URL || undefined,
    });
    const result = await client.send(text(to, body));
    // rejected: the message itself is wrong (error.code says why); unknown or not-sent: the platform's side.
    const status = result.accepted ? 200 : result.outcome === 'rejected' ? 422 : 502;
    return Response.json(result, { status });
  },
};
