import type { CSSProperties } from 'react';

interface AvatarProps {
  name: string;
  url?: string | null;
  size?: number;
}

/** The user's picture, or their initials on a colour picked from the name. */
export function Avatar({ name, url, size = 40 }: AvatarProps) {
  const style = { width: size, height: size, fontSize: size * 0.4 };
  if (url) return <img className="avatar" src={url} alt="" width={size} height={size} style={style} />;
  const initials =
    name
      .split(/\s+/)
      .filter(Boolean)
      .slice(0, 2)
      .map((w) => w[0]?.toUpperCase())
      .join('') || '?';
  let hue = 0;
  for (const ch of name) hue = (hue * 31 + ch.charCodeAt(0)) % 360;
  return (
    <span className="avatar avatar-initials" style={{ ...style, '--avatar-hue': hue } as CSSProperties} aria-hidden="true">
      {initials}
    </span>
  );
}
