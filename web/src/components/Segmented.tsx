import './Segmented.css';

interface SegmentedProps<V extends string> {
  /** Names the choice for screen readers ("Period", "Show"). */
  label: string;
  value: V;
  onValue: (value: V) => void;
  options: { value: V; label: string }[];
}

/** A row of toggle buttons of which one is on: week/month, 3 months/1 year/all. */
export function Segmented<V extends string>({ label, value, onValue, options }: SegmentedProps<V>) {
  return (
    <div className="segmented" role="group" aria-label={label}>
      {options.map((o) => (
        <button key={o.value} type="button" className="segmented-option" aria-pressed={o.value === value} onClick={() => onValue(o.value)}>
          {o.label}
        </button>
      ))}
    </div>
  );
}
