import { toString as qrToSvg } from 'qrcode';
import { useEffect, useState } from 'react';

/** A QR code drawn in the browser (the secret never leaves the page). */
export function QrCode({ text, label, size = 200 }: { text: string; label: string; size?: number }) {
  const [src, setSrc] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    qrToSvg(text, { type: 'svg', margin: 2, errorCorrectionLevel: 'M' })
      .then((svg) => live && setSrc(`data:image/svg+xml;charset=utf-8,${encodeURIComponent(svg)}`))
      .catch(() => live && setSrc(null));
    return () => {
      live = false;
    };
  }, [text]);
  return src ? (
    <img className="qr" src={src} alt={label} width={size} height={size} />
  ) : (
    <div className="qr qr-pending" style={{ width: size, height: size }} aria-hidden="true" />
  );
}
