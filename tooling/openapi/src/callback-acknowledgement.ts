/** What a callback receiver answers, the same for both APIs' callbacks. */
export const callbackAcknowledgement = {
  '200': {
    description:
      'Any 2xx acknowledges the callback. Anything else, or no answer in time, makes Clickatell send it again, so the same callback can arrive twice.',
  },
} as const;
