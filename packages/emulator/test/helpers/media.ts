/** A PNG signature followed by `bytes - 8` zero bytes, as base64: media of an exact decoded size. */
export function pngBase64(bytes: number): string {
  const data = Buffer.alloc(bytes, 0);
  data.set([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a, 0, 0, 0, 0x0d, 0x49, 0x48, 0x44, 0x52]);
  return data.toString('base64');
}
