import { messageKind, type OutboundMessage, type TemplateRegistry } from '@clickwa/core';

/** What inspection keeps of an accepted message: enough to assert on, never the media bytes. */
export type MessageSummary =
  | {
      readonly kind: 'text';
      readonly content: string;
      readonly previewFirstUrl: boolean;
      readonly encrypted: boolean;
    }
  | {
      readonly kind: 'template';
      readonly template: string;
      readonly parameters: Readonly<Record<string, string>>;
      /** The text the phone shows, when the template is known and the parameters are clear text. */
      readonly rendered: string | null;
      readonly encrypted: boolean;
    }
  | {
      readonly kind: 'media';
      readonly contentType: string;
      /** Decoded size of the file. */
      readonly bytes: number;
      readonly caption: string | null;
      readonly sha256Hash: string | null;
      readonly encrypted: boolean;
    };

function decodedLength(base64: string): number {
  const compact = base64.replace(/\s+/g, '');
  const padding = compact.endsWith('==') ? 2 : compact.endsWith('=') ? 1 : 0;
  return Math.floor((compact.length * 3) / 4) - padding;
}

const isTrue = (value: unknown): boolean =>
  value === true || (typeof value === 'string' && value.trim().toLowerCase() === 'true');

/** Summarizes a validated message for the inspection history. */
export function summarizeMessage(
  message: OutboundMessage,
  encrypted: boolean,
  templates: TemplateRegistry | undefined,
): MessageSummary {
  const kind = messageKind(message);
  if (kind === 'template' && 'hsm' in message) {
    const { template, parameters } = message.hsm;
    const rendered = encrypted ? undefined : templates?.render(template, parameters);
    return { kind, template, parameters: { ...parameters }, rendered: rendered ?? null, encrypted };
  }
  if (kind === 'media' && 'content' in message && 'contentType' in message) {
    return {
      kind,
      contentType: message.contentType,
      bytes: decodedLength(message.content),
      caption: message.caption ?? null,
      sha256Hash: message.sha256Hash ?? null,
      encrypted,
    };
  }
  const text = message as { content: string; previewFirstUrl?: unknown };
  return { kind: 'text', content: text.content, previewFirstUrl: isTrue(text.previewFirstUrl), encrypted };
}
