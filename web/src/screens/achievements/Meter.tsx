/** A thin bar of how far something has come; its name and numbers are read out. */
export function Meter({ label, value, max, text }: { label: string; value: number; max: number; text?: string }) {
  const now = Math.min(Math.max(0, value), max);
  return (
    <div
      className="gm-meter"
      role="progressbar"
      aria-label={label}
      aria-valuemin={0}
      aria-valuemax={max}
      aria-valuenow={now}
      aria-valuetext={text}
    >
      <span style={{ width: `${max > 0 ? (now / max) * 100 : 0}%` }} />
    </div>
  );
}
