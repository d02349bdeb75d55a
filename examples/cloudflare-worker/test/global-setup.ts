// Runs in Node, before the workerd tests: the emulator over real HTTP on a free port, its URL handed to the
// tests (`inject('emulatorUrl')`).
import { serveEmulator } from '@clickwa/emulator/node';
import type { TestProject } from 'vitest/node';

declare module 'vitest' {
  export interface ProvidedContext {
    emulatorUrl: string;
  }
}

export default async function setup(project: TestProject): Promise<() => Promise<void>> {
  const running = await serveEmulator({ port: 0, apiKey: 'example-key', callbacks: false });
  project.provide('emulatorUrl', running.url);
  return () => running.close();
}
