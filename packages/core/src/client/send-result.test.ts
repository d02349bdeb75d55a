import { describe, expect, it } from 'vitest';
import type { SendResponseMessage } from '../parse-send-response.ts';
import { matchResponse, sendResult } from './send-result.ts';

const ref = (index: number, clientMessageId: string, to: string) => ({ index, clientMessageId, to });
const answer = (
  clientMessageId: string | null,
  to: string,
  messageId = `m-${clientMessageId}`,
): SendResponseMessage => ({
  clientMessageId,
  to,
  messageId,
  accepted: true,
  error: null,
});

describe('matchResponse', () => {
  it('pairs by clientMessageId whatever the order', () => {
    const messages = [ref(0, 'a', '1'), ref(1, 'b', '2'), ref(2, 'c', '3')];
    const matched = matchResponse(messages, [answer('c', '3'), answer('a', '1'), answer('b', '2')]);
    expect(matched.map((m) => m?.messageId)).toEqual(['m-a', 'm-b', 'm-c']);
  });

  it("pairs a caller's id with whitespace around it: the answer's parser trims ids", () => {
    const messages = [ref(0, ' order-1 ', '1'), ref(1, 'order-2', '2')];
    const matched = matchResponse(messages, [answer('order-1', '1'), answer('order-2', '2')]);
    expect(matched.map((m) => m?.messageId)).toEqual(['m-order-1', 'm-order-2']);
  });

  it('leaves unanswered messages undefined and ignores foreign or repeated answers', () => {
    const messages = [ref(0, 'a', '1'), ref(1, 'b', '2')];
    const matched = matchResponse(messages, [
      answer('zzz', '9'),
      answer('a', '1', 'first'),
      answer('a', '1', 'second'),
    ]);
    expect(matched.map((m) => m?.messageId)).toEqual(['first', undefined]);
  });

  it('pairs answers without an id by number', () => {
    const messages = [ref(0, 'a', '27999000001'), ref(1, 'b', '27999000002')];
    const matched = matchResponse(messages, [
      answer(null, '+27999000002', 'two'),
      answer(null, '27999000001', 'one'),
    ]);
    expect(matched.map((m) => m?.messageId)).toEqual(['one', 'two']);
  });

  it('leaves messages to one number unpaired when answers without ids cannot tell them apart', () => {
    const messages = [ref(0, 'a', '27999000001'), ref(1, 'b', '27999000001'), ref(2, 'c', '27999000003')];
    const matched = matchResponse(messages, [
      answer(null, '27999000001', 'x'),
      answer(null, '27999000001', 'y'),
      answer(null, '27999000003', 'three'),
    ]);
    expect(matched.map((m) => m?.messageId)).toEqual([undefined, undefined, 'three']);
    // Once the other message to the number is paired by its id, the one left is unambiguous.
    const partly = matchResponse(messages, [
      answer('a', '27999000001', 'one'),
      answer(null, '27999000001', 'two'),
    ]);
    expect(partly.map((m) => m?.messageId)).toEqual(['one', 'two', undefined]);
  });
});

describe('sendResult', () => {
  it('leaves out empty optional fields', () => {
    expect(sendResult(ref(3, 'a', '1'), 'accepted', { messageId: null })).toEqual({
      index: 3,
      clientMessageId: 'a',
      to: '1',
      outcome: 'accepted',
      accepted: true,
    });
  });
});

describe('matchResponse and sendResult: edge cases', () => {
  it('does not pair one answer without an id when two unpaired messages go to its number', () => {
    const same = [ref(0, 'a', '27999000001'), ref(1, 'b', '27999000001')];
    expect(matchResponse(same, [answer(null, '27999000001', 'x')])).toEqual([undefined, undefined]);
  });

  it('leaves warnings out when there are none', () => {
    expect(sendResult({ ...ref(0, 'a', '1'), warnings: [] }, 'rejected')).not.toHaveProperty('warnings');
  });
});
