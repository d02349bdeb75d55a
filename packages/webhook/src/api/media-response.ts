import { isClickwaError } from '@clickwa/core';
import type { GatewayContext } from '../gateway-context.ts';
import { jsonError } from '../internal/json-error.ts';
import type { StoredInboundMessage } from '../store.ts';
import { decryptInbound, decryptMediaBytes } from './decrypt-inbound.ts';

/** One stored file of a message: inline media, or a file sent by reference and downloaded. */
export interface StoredFileRef {
  /** The blob's key: the SHA-256 of the bytes as received. */
  readonly sha256: string;
  readonly contentType: string;
  /** The clear file's declared hash, which an encrypted file is checked against. */
  readonly declaredSha256: string | null;
  /** Whether to show the message's caption with it. */
  readonly withCaption: boolean;
}

/**
 * Serves a stored file of a user message: in clear (decrypted as it is read when it came encrypted), with its
 * message's type, sandboxed so a browser never runs it as a page of this origin.
 */
export async function mediaResponse(
  ctx: GatewayContext,
  message: StoredInboundMessage,
  file: StoredFileRef,
): Promise<Response> {
  const blob = await ctx.store.getBlob(file.sha256);
  if (!blob) return jsonError(404, 'The media bytes are missing');
  let body = blob.body;
  let size = blob.size;
  const readable = await decryptInbound(message, ctx.encryption);
  if (message.encryptionKey !== null) {
    // Encrypted on the way in: served in clear, decrypted as it is read.
    if (readable.retryable)
      return jsonError(503, `The key provider is unavailable; retry (${readable.decryptionError})`);
    if (readable.decryptionError)
      return jsonError(422, `The media cannot be decrypted: ${readable.decryptionError}`);
    try {
      const bytes = new Uint8Array(await new Response(blob.body).arrayBuffer());
      const clear = await decryptMediaBytes(bytes, message, ctx.encryption!, file.declaredSha256);
      body = clear as Uint8Array<ArrayBuffer>;
      size = clear.length;
    } catch (error) {
      const why = error instanceof Error ? error.message : String(error);
      // A key provider that is down for now (retryable) is not a file that cannot be read.
      if (isClickwaError(error) && error.retryable)
        return jsonError(503, `The key provider is unavailable; retry (${why})`);
      return jsonError(422, `The media cannot be decrypted: ${why}`);
    }
  }
  const caption = file.withCaption
    ? (readable.message.media?.caption ?? readable.message.caption ?? null)
    : null;
  return new Response(body, {
    headers: {
      // This message's own type and caption: the bytes are shared by hash, how they are served is not.
      'content-type': file.contentType,
      'content-length': String(size),
      ...(caption === null ? {} : { 'x-clickwa-caption': encodeURIComponent(caption) }),
      etag: `"${file.sha256}"`,
      'cache-control': 'private, max-age=31536000, immutable',
      // Users choose these bytes: never let a browser run them as a page of this origin.
      'content-security-policy': "default-src 'none'; sandbox",
      'x-content-type-options': 'nosniff',
    },
  });
}
