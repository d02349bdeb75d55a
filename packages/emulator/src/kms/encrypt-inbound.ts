import type { InboundContent } from '../callback-bodies.ts';
import type { EmulatorKms } from './emulator-kms.ts';

/**
 * What a simulated user sends, encrypted as the platform encrypts callbacks (spec 7.3.5): text content, or media
 * content and caption with `sha256Hash` of the clear file, under a data key of the emulator's KMS.
 */
export async function encryptInbound(kms: EmulatorKms, content: InboundContent): Promise<InboundContent> {
  const { encryption } = kms;
  if (content.content === undefined || content.latitude !== undefined) return content;
  if (content.contentType !== undefined) {
    const sealed = await encryption.encryptMedia(
      content.content,
      content.caption === undefined ? {} : { caption: content.caption },
    );
    return { ...content, ...sealed };
  }
  return { ...content, ...(await encryption.encryptText(content.content)) };
}
