import assert from 'node:assert/strict';

/**
 * What every example gateway must do with the emulator: send a template through `POST /api/messages`, take
 * its status callbacks (out of order, some twice) and a reply from the simulated user, and show them through
 * `/api`: the message READ, the reply linked to it in the conversation, both events handed on (`waitForEvent`
 * resolves when the example has printed the event's key).
 *
 * @example
 * await gatewayRoundTrip({ gatewayUrl, apiToken: 'example-token', emulator, waitForEvent: (key) => server.waitFor(...) });
 */
export async function gatewayRoundTrip({ gatewayUrl, apiToken, emulator, waitForEvent }) {
  const api = (path, init = {}) =>
    fetch(`${gatewayUrl}/api${path}`, {
      ...init,
      headers: { authorization: `Bearer ${apiToken}`, 'content-type': 'application/json', ...init.headers },
    });
  const to = '27999000001';
  const sent = await api('/messages', {
    method: 'POST',
    body: JSON.stringify({
      messages: [{ to, hsm: { template: 'payment_alert', parameters: { 1: '$150', 2: '1234' } } }],
    }),
  });
  assert.equal(sent.status, 200, await sent.clone().text());
  const [result] = (await sent.json()).results;
  assert.equal(result.outcome, 'accepted', JSON.stringify(result));

  const reply = await fetch(`${emulator.url}/_emulator/inbound`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ from: to, content: 'Thanks!', relatedMessageId: result.messageId }),
  });
  assert.equal(reply.status, 202);
  const { messageId: replyId } = await reply.json();
  // Every callback delivered: each answered 2xx by the gateway (the emulator retries anything else).
  await emulator.emulator.idle();

  const view = await (await api(`/messages/${result.messageId}`)).json();
  assert.deepEqual(
    [view.status.status, view.clientMessageId],
    ['READ', result.clientMessageId],
    JSON.stringify(view),
  );
  const conversation = await (await api(`/conversations/${to}`)).json();
  const inbound = conversation.items.find((item) => item.direction === 'inbound');
  assert.deepEqual(
    [inbound?.messageId, inbound?.content, inbound?.inReplyTo?.messageId],
    [replyId, 'Thanks!', result.messageId],
    JSON.stringify(conversation),
  );
  const refused = await fetch(`${gatewayUrl}/api/messages/${result.messageId}`);
  assert.equal(refused.status, 401);
  await refused.arrayBuffer();

  await waitForEvent(`status:${result.messageId}:27:`);
  await waitForEvent(`message:${replyId}`);
  return { messageId: result.messageId, replyId };
}
