import type { SendResult } from '@clickwa/core';

/**
 * One line per result, for people: `accepted <to> messageId=<id> clientMessageId=<id>`, or the outcome
 * with the error's code and description (`rejected 27821234567 150 Invalid destination address ...`).
 */
export function formatResult(r: SendResult): string {
  const head = `${r.outcome.padEnd(8)} ${r.to || '-'}`;
  if (r.accepted) return `${head} messageId=${r.messageId} clientMessageId=${r.clientMessageId}`;
  const error = r.error ? `${r.error.code} ${r.error.description}` : 'no reason given';
  return `${head} ${error} (clientMessageId=${r.clientMessageId})`;
}

/** One JSON line per result: `{ clientMessageId, to, outcome, accepted, messageId?, error?, warnings? }`. */
export function jsonResult(r: SendResult): string {
  const { index: _index, ...rest } = r;
  return JSON.stringify(rest);
}
