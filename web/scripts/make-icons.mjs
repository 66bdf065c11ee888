// Draws the Gymbox app icons (a white dumbbell on blue) as PNG files without any dependency.
// Run with `npm run icons`; the output in public/icons/ is committed.
import { deflateSync } from 'node:zlib';
import { writeFileSync, mkdirSync } from 'node:fs';

const BLUE = [31, 111, 235];
const WHITE = [255, 255, 255];

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n;
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1;
  return c >>> 0;
});
const crc32 = (buf) => {
  let c = 0xffffffff;
  for (const b of buf) c = crcTable[(c ^ b) & 0xff] ^ (c >>> 8);
  return (c ^ 0xffffffff) >>> 0;
};
const chunk = (type, data) => {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body));
  return Buffer.concat([len, body, crc]);
};
const encodePng = (size, rgba) => {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(size, 0);
  ihdr.writeUInt32BE(size, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 6; // RGBA
  const raw = Buffer.alloc(size * (size * 4 + 1));
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0;
    rgba.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4);
  }
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0)),
  ]);
};

// Rounded rectangle hit test in a 512×512 design space.
const inRoundRect = (x, y, [x0, y0, x1, y1, r]) => {
  if (x < x0 || x > x1 || y < y0 || y > y1) return false;
  const cx = Math.min(Math.max(x, x0 + r), x1 - r);
  const cy = Math.min(Math.max(y, y0 + r), y1 - r);
  return (x - cx) ** 2 + (y - cy) ** 2 <= r * r;
};

const DUMBBELL = [
  [160, 238, 352, 274, 6], // bar
  [120, 150, 172, 362, 16], // left big plate
  [80, 196, 124, 316, 14], // left small plate
  [340, 150, 392, 362, 16], // right big plate
  [388, 196, 432, 316, 14], // right small plate
];

const draw = (size, { maskable, fullBleed }) => {
  const rgba = Buffer.alloc(size * size * 4);
  const ss = 4;
  const glyphScale = maskable ? 0.72 : 1;
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      let bg = 0;
      let fg = 0;
      for (let sy = 0; sy < ss; sy++) {
        for (let sx = 0; sx < ss; sx++) {
          const x = ((px + (sx + 0.5) / ss) / size) * 512;
          const y = ((py + (sy + 0.5) / ss) / size) * 512;
          const inBg = fullBleed || inRoundRect(x, y, [0, 0, 512, 512, 112]);
          if (!inBg) continue;
          bg++;
          const gx = 256 + (x - 256) / glyphScale;
          const gy = 256 + (y - 256) / glyphScale;
          if (DUMBBELL.some((r) => inRoundRect(gx, gy, r))) fg++;
        }
      }
      const n = ss * ss;
      const a = bg / n;
      const f = bg ? fg / bg : 0;
      const i = (py * size + px) * 4;
      for (let c = 0; c < 3; c++) rgba[i + c] = Math.round(BLUE[c] * (1 - f) + WHITE[c] * f);
      rgba[i + 3] = Math.round(a * 255);
    }
  }
  return encodePng(size, rgba);
};

const out = new URL('../public/icons/', import.meta.url);
mkdirSync(out, { recursive: true });
const icons = {
  'icon-192.png': draw(192, { maskable: false, fullBleed: false }),
  'icon-512.png': draw(512, { maskable: false, fullBleed: false }),
  'maskable-512.png': draw(512, { maskable: true, fullBleed: true }),
  'apple-touch-icon.png': draw(180, { maskable: true, fullBleed: true }),
};
for (const [name, png] of Object.entries(icons)) {
  writeFileSync(new URL(name, out), png);
  console.log(`${name}: ${png.length} bytes`);
}
