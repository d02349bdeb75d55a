import * as v from 'valibot';

/**
 * The body of `POST /api/messages`. Each message is checked by the send client, not here: a bad one comes
 * back `rejected` with the platform's code while the others are sent.
 */
export const SendMessagesBodySchema = v.object(
  {
    messages: v.pipe(
      v.array(v.unknown(), '"messages" must be an array of messages'),
      v.minLength(1, '"messages" must not be empty'),
    ),
    integration: v.optional(v.string('"integration" must be a string')),
    force: v.optional(v.boolean('"force" must be true or false')),
    encrypt: v.optional(v.boolean('"encrypt" must be true or false')),
  },
  'The body must be { "messages": [ ... ], "integration"?: string, "force"?: boolean, "encrypt"?: boolean }',
);

/** A parsed `POST /api/messages` body. */
export type SendMessagesBody = v.InferOutput<typeof SendMessagesBodySchema>;
