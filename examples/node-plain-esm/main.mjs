import { gatewayRoundTrip } from './gateway-round-trip.mjs';

console.log(JSON.stringify(await gatewayRoundTrip()));
