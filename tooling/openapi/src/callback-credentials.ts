import * as v from 'valibot';

/** The optional credentials of spec 7.3.6, "included as parameters in the body" of every callback. */
export const callbackCredentials = {
  username: v.pipe(
    v.optional(v.string()),
    v.description('The callback username set in the portal (spec 7.3.6), when one is set.'),
  ),
  password: v.pipe(
    v.optional(v.string()),
    v.description('The callback password set in the portal (spec 7.3.6), when one is set.'),
  ),
};
