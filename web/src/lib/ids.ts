/**
 * A new id for something created on this device (workouts, sets): a UUIDv7 written as the
 * server writes ids (32 hex digits). Time-ordered, so sets logged within the same second keep
 * their order on the server, which sorts a workout's sets by (completed_at, id). Works on plain
 * http:// too, where `crypto.randomUUID` is missing (it needs a secure context).
 */
export function newId(now = Date.now()): string {
  const bytes = new Uint8Array(16);
  crypto.getRandomValues(bytes);
  let ms = now;
  for (let i = 5; i >= 0; i--) {
    bytes[i] = ms % 256;
    ms = Math.floor(ms / 256);
  }
  bytes[6] = (bytes[6]! & 0x0f) | 0x70;
  bytes[8] = (bytes[8]! & 0x3f) | 0x80;
  return Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');
}
