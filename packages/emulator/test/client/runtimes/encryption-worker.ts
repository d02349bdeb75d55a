// A Worker that runs the encryption smoke inside workerd; the test posts it the emulator's address.
import { type EncryptionSmokeInput, encryptionSmoke } from './encryption-smoke.ts';

export default {
  async fetch(request: Request): Promise<Response> {
    return Response.json(await encryptionSmoke((await request.json()) as EncryptionSmokeInput));
  },
};
