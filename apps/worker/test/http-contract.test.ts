import { runGatewayHttpContract } from '@clickwa/webhook/contract';
import { API_TOKEN, CALLBACK, CALLBACK_TOKEN, callbackSamples, worker } from './helpers.ts';

// The gateway's HTTP-level suite, shared with the Node adapter (which runs it over real HTTP), against the
// Worker in-process.
runGatewayHttpContract(
  'the Worker (D1 + R2)',
  () => ({
    baseUrl: 'http://gateway.local',
    apiToken: API_TOKEN,
    callback: CALLBACK,
    fetch: (url, init) => worker.fetch(new Request(url, init)),
  }),
  { samples: callbackSamples, stormMessages: 50, callbackToken: CALLBACK_TOKEN },
);
