import * as v from 'valibot';

/**
 * The body of `POST /v1/notification`, "mark as read". Not published: clickwa sends One API's send shape
 * with the status code its documentation shows for a business read (1001; docs/decisions.md).
 */
export const OneApiReadNotificationSchema = v.object({
  messages: v.pipe(
    v.array(
      v.looseObject({
        channel: v.optional(v.string()),
        messageId: v.string(),
        statusCode: v.optional(v.number()),
      }),
    ),
    v.minLength(1),
  ),
});
