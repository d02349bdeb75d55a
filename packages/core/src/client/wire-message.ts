import type { ClickatellApi } from '../api.ts';
import type { OutboundMessage } from '../schemas/send-request.ts';

type Fields = Record<string, unknown>;

/**
 * One API's form of a message built for the legacy API's JSON: `channel: 'whatsapp'`, a template as
 * `template: { templateName, body: { parameters } }` (One API ended `hsm` templates in October 2024) and an
 * uploaded file as `media: { fileId, contentType, caption }`. Both shapes come from secondary sources
 * (docs/decisions.md): this function is the one place to correct them.
 */
function toOneApi({ hsm, fileId, ...message }: Fields): Fields {
  const wire: Fields = { channel: 'whatsapp', ...message };
  if (hsm) {
    const { template, parameters } = hsm as { template: string; parameters: Record<string, string> };
    wire.template = { templateName: template, body: { parameters } };
  } else if (fileId !== undefined) {
    const { contentType, caption } = message;
    wire.contentType = wire.caption = undefined;
    wire.media = { fileId, contentType, caption };
  }
  return wire;
}

/**
 * A valid message as its API's request carries it, with its `clientMessageId` first: the legacy API takes the
 * message as built; One API its own form (`toOneApi`).
 */
export function wireMessage(message: OutboundMessage, clientMessageId: string, api: ClickatellApi): Fields {
  // The spread copies the caller's id over the first one: an empty or null one is replaced afterwards.
  const copy: Fields = { clientMessageId, ...message };
  copy.clientMessageId = clientMessageId;
  return api === 'one' ? toOneApi(copy) : copy;
}
