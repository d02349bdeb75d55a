/** Whether `x` is an object (an array included) whose properties can be read: not null, not a primitive. */
export const isObject = (x: unknown): x is Record<string, unknown> => typeof x === 'object' && x !== null;
