/**
 * What One API answers (its error code) for a problem the legacy API answers with a section-8 code: validation
 * finds problems once, in the legacy API's terms, and a One API client's issues carry these codes instead.
 */
export const ONE_API_ISSUE_CODES: Readonly<Record<number, number>> = {
  /** Empty content -> 23 "Invalid or missing parameter". */
  100: 23,
  /** Text too long -> 24 "Maximum message content size exceeded". */
  101: 24,
  /** No messages -> 21 "Payload data is malformed". */
  102: 21,
  /** Content type not supported -> 30. */
  103: 30,
  /** Media file too big -> 31 "Media file size exceeds limit". */
  104: 31,
  /** Request too big -> 32 "Media payload size exceeds limit". */
  105: 32,
  /** A template that is not right -> 23 "Invalid or missing parameter". */
  106: 23,
  /** Invalid numbers (unknown country code, too long, too short, not a number) -> 25 "Invalid recipient address". */
  150: 25,
  151: 25,
  152: 25,
  158: 25,
  /** Too many messages -> 22 "Maximum messages per request payload exceeded". */
  153: 22,
};
