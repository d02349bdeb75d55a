// What the examples' tests share: the emulator on a free loopback port, each example run as a child process in
// its real runtime, and the Bun and Deno binaries of their npm packages.
export { BINARIES } from './binaries.mjs';
export { gatewayRoundTrip } from './gateway-round-trip.mjs';
export { runProgram } from './run-program.mjs';
export { startEmulator } from './start-emulator.mjs';
