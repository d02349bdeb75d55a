import type {
  ConversationRecords,
  CurrentStatus,
  OutboundRecord,
  StoredInboundMessage,
  StoredLocation,
  StoredMedia,
  StoredMediaFile,
} from '../store.ts';

/** A message the business sent, in a thread. */
export interface OutboundItem {
  readonly direction: 'outbound';
  /** The API the message was sent through. */
  readonly api: OutboundRecord['api'];
  readonly messageId: string | null;
  readonly clientMessageId: string;
  readonly kind: OutboundRecord['kind'];
  readonly template: string | null;
  readonly content: string | null;
  readonly caption: string | null;
  readonly outcome: OutboundRecord['outcome'];
  readonly status: CurrentStatus | null;
  readonly timestamp: number;
  /** Position in the request it was sent with. */
  readonly index: number;
}

/** A message the user sent, in a thread. `inReplyTo` links a reply to the business message it answers. */
export interface InboundItem {
  readonly direction: 'inbound';
  /** The API the message came in. */
  readonly api: StoredInboundMessage['api'];
  readonly messageId: string;
  readonly type: StoredInboundMessage['type'];
  readonly content: string | null;
  readonly media: (StoredMedia & { readonly url: string }) | null;
  /** One API media sent by reference: the files as declared (`media` is null), with the caption. */
  readonly files?: readonly StoredMediaFile[];
  readonly caption?: string;
  /** One API only: the user's WhatsApp profile name; null otherwise. */
  readonly profileName: string | null;
  readonly location: StoredLocation | null;
  /** Whether the message came encrypted (spec 7.3.5); its text and caption are shown in clear when they decrypt. */
  readonly encrypted: boolean;
  /** Why an encrypted message is shown without its text and caption, or null. */
  readonly decryptionError: string | null;
  readonly relatedMessageId: string | null;
  readonly inReplyTo: { readonly messageId: string; readonly clientMessageId: string } | null;
  readonly timestamp: number;
}

/** What `GET /api/conversations/:msisdn` answers: both directions in one thread, oldest first. */
export interface ConversationView {
  readonly msisdn: string;
  readonly items: readonly (OutboundItem | InboundItem)[];
}

/**
 * Builds a thread from the stored records of one number; `decryptionErrors` says, by message id, why an
 * encrypted message shows no text (`decryptInbound`).
 */
export function toConversationView(
  msisdn: string,
  records: ConversationRecords,
  decryptionErrors: ReadonlyMap<string, string> = new Map(),
): ConversationView {
  const sent = new Map<string, OutboundRecord>();
  for (const o of records.outbound) if (o.messageId) sent.set(o.messageId, o);
  const outbound: OutboundItem[] = records.outbound.map((o) => ({
    direction: 'outbound',
    api: o.api,
    messageId: o.messageId,
    clientMessageId: o.clientMessageId,
    kind: o.kind,
    template: o.template,
    content: o.content,
    caption: o.caption,
    outcome: o.outcome,
    status: (o.messageId && records.statuses[o.messageId]) || null,
    timestamp: o.sentAt,
    index: o.index,
  }));
  // Messages of one request share their time: their order in the request decides.
  outbound.sort((a, b) => a.timestamp - b.timestamp || a.index - b.index);
  const inbound: InboundItem[] = records.inbound.map((m) => {
    const related = m.relatedMessageId ? sent.get(m.relatedMessageId) : undefined;
    return {
      direction: 'inbound',
      api: m.api,
      messageId: m.messageId,
      type: m.type,
      content: m.content,
      media: m.media ? { ...m.media, url: `/api/messages/${encodeURIComponent(m.messageId)}/media` } : null,
      ...(m.files ? { files: m.files } : {}),
      ...(m.caption !== undefined ? { caption: m.caption } : {}),
      profileName: m.profileName,
      location: m.location,
      encrypted: m.encryptionKey !== null,
      decryptionError: decryptionErrors.get(m.messageId) ?? null,
      relatedMessageId: m.relatedMessageId,
      inReplyTo: related ? { messageId: related.messageId!, clientMessageId: related.clientMessageId } : null,
      timestamp: m.timestamp,
    };
  });
  // Inbound timestamps have whole seconds (spec 7.3), so a quick reply can carry a time before the message it
  // answers: a reply is placed after that message. The sort is stable and outbound items come first on ties.
  const at = (item: OutboundItem | InboundItem): number => {
    const related =
      item.direction === 'inbound' && item.relatedMessageId ? sent.get(item.relatedMessageId) : undefined;
    return related ? Math.max(item.timestamp, related.sentAt) : item.timestamp;
  };
  const items = [...outbound, ...inbound].sort((a, b) => at(a) - at(b));
  return { msisdn, items };
}
