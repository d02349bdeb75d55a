// A Worker that runs the smoke sends inside workerd; the test posts it the emulator's address.
import { type SmokeInput, smoke } from './smoke.ts';

export default {
  async fetch(request: Request, env: { API_KEY: string }): Promise<Response> {
    const input = (await request.json()) as Omit<SmokeInput, 'apiKey'>;
    return Response.json(await smoke({ ...input, apiKey: env.API_KEY }));
  },
};
