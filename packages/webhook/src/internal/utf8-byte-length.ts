const encoder = new TextEncoder();

/** UTF-8 bytes of a string: what Queues and databases count (`string.length` counts UTF-16 units). */
export const utf8ByteLength = (text: string): number => encoder.encode(text).byteLength;
