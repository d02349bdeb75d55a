import * as v from 'valibot';
import { OneApiErrorSchema } from './one-api-send-response.ts';

/** The answer of `POST /v1/media` (secondary sources): the id to send the file by within 30 days. */
export const OneApiMediaUploadResponseSchema = v.looseObject({
  fileId: v.string(),
  accepted: v.optional(v.boolean()),
  error: v.optional(v.nullable(OneApiErrorSchema)),
});

/** The answer of `GET /v1/media/{fileId}`: expiry (epoch seconds in One API's example) and reuse. */
export const OneApiMediaInfoSchema = v.looseObject({
  expirationTime: v.number(),
  broadcastAllowed: v.boolean(),
});
