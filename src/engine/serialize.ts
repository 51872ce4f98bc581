// Weights <-> base64 of little-endian float32 (explicit byte order, so a file moves between machines).
// The model file's other fields (preprocessing, checksum, versions) are written outside the engine.

export function floatsToBase64(a: Float32Array): string {
  const bytes = new Uint8Array(a.length * 4);
  const view = new DataView(bytes.buffer);
  for (let i = 0; i < a.length; i++) view.setFloat32(i * 4, a[i], true);
  return Buffer.from(bytes).toString('base64');
}

const BASE64 = /^[A-Za-z0-9+/]*={0,2}$/;

/**
 * How many float32 values a base64 string holds, from its length alone (nothing is decoded), so a
 * caller can check a declared size before allocating. RangeError when it is not base64 of whole floats.
 */
export function base64FloatCount(s: string): number {
  if (s.length % 4 !== 0 || !BASE64.test(s)) throw new RangeError('weight data is not base64 (cut off or edited)');
  const pad = s.endsWith('==') ? 2 : s.endsWith('=') ? 1 : 0;
  const bytes = (s.length / 4) * 3 - pad;
  if (bytes % 4 !== 0) throw new RangeError(`weight data has ${bytes} bytes, not a multiple of 4`);
  return bytes / 4;
}

export function base64ToFloats(s: string): Float32Array {
  const bytes = Buffer.from(s, 'base64');
  if (bytes.length % 4 !== 0) throw new RangeError(`weight data has ${bytes.length} bytes, not a multiple of 4`);
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.length);
  const out = new Float32Array(bytes.length / 4);
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
