// RFC 6238 codes from an otpauth:// URL, to act as the user's authenticator app.
import { createHmac } from 'node:crypto';

function base32(text) {
  const alphabet = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ234567';
  let bits = '';
  for (const ch of text.replace(/[\s=]/g, '').toUpperCase()) bits += alphabet.indexOf(ch).toString(2).padStart(5, '0');
  const bytes = [];
  for (let i = 0; i + 8 <= bits.length; i += 8) bytes.push(parseInt(bits.slice(i, i + 8), 2));
  return Buffer.from(bytes);
}

export function totp(secret, { digits = 6, period = 30, algorithm = 'sha1', at = Date.now() } = {}) {
  const counter = Buffer.alloc(8);
  counter.writeBigUInt64BE(BigInt(Math.floor(at / 1000 / period)));
  const mac = createHmac(algorithm, base32(secret)).update(counter).digest();
  const offset = mac[mac.length - 1] & 0xf;
  const value = (mac.readUInt32BE(offset) & 0x7fffffff) % 10 ** digits;
  return String(value).padStart(digits, '0');
}

export function totpFromUrl(otpauthUrl, at) {
  const url = new URL(otpauthUrl);
  const p = url.searchParams;
  return totp(p.get('secret'), {
    digits: Number(p.get('digits') ?? 6),
    period: Number(p.get('period') ?? 30),
    algorithm: (p.get('algorithm') ?? 'SHA1').toLowerCase(),
    at,
  });
}
