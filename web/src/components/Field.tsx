import { useId, type InputHTMLAttributes, type ReactNode, type SelectHTMLAttributes, type TextareaHTMLAttributes } from 'react';

interface FieldFrameProps {
  id: string;
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  children: ReactNode;
}

function FieldFrame({ id, label, hint, error, children }: FieldFrameProps) {
  return (
    <div className={`field${error ? ' field-invalid' : ''}`}>
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && !error && (
        <p className="field-hint" id={`${id}-hint`}>
          {hint}
        </p>
      )}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </div>
  );
}

function describedBy(id: string, hint?: ReactNode, error?: string) {
  return error ? `${id}-error` : hint ? `${id}-hint` : undefined;
}

type TextFieldProps = Omit<InputHTMLAttributes<HTMLInputElement>, 'onChange'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  onValue?: (value: string) => void;
};

export function TextField({ label, hint, error, onValue, id: givenId, ...input }: TextFieldProps) {
  const autoId = useId();
  const id = givenId ?? autoId;
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onValue?.(e.target.value)}
        {...input}
      />
    </FieldFrame>
  );
}

type TextAreaFieldProps = Omit<TextareaHTMLAttributes<HTMLTextAreaElement>, 'onChange'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  onValue?: (value: string) => void;
};

export function TextAreaField({ label, hint, error, onValue, ...area }: TextAreaFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onValue?.(e.target.value)}
        {...area}
      />
    </FieldFrame>
  );
}

type SelectFieldProps = Omit<SelectHTMLAttributes<HTMLSelectElement>, 'onChange'> & {
  label: ReactNode;
  hint?: ReactNode;
  error?: string;
  onValue?: (value: string) => void;
  options: { value: string; label: string }[];
};

export function SelectField({ label, hint, error, onValue, options, ...select }: SelectFieldProps) {
  const id = useId();
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select
        id={id}
        aria-invalid={error ? true : undefined}
        aria-describedby={describedBy(id, hint, error)}
        onChange={(e) => onValue?.(e.target.value)}
        {...select}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

interface ChoiceGroupProps<V extends string> {
  legend: ReactNode;
  name: string;
  value: V;
  onValue: (value: V) => void;
  options: { value: V; label: ReactNode; description?: ReactNode }[];
  error?: string;
  disabled?: boolean;
}

/** A set of radio buttons shown as large tappable cards. */
export function ChoiceGroup<V extends string>({ legend, name, value, onValue, options, error, disabled }: ChoiceGroupProps<V>) {
  const id = useId();
  return (
    <fieldset className="choice-group" aria-describedby={error ? `${id}-error` : undefined}>
      <legend>{legend}</legend>
      {options.map((o) => (
        <label key={o.value} className={`choice${o.value === value ? ' choice-selected' : ''}`}>
          <input
            type="radio"
            name={name}
            value={o.value}
            checked={o.value === value}
            disabled={disabled}
            onChange={() => onValue(o.value)}
          />
          <span className="choice-text">
            <span className="choice-label">{o.label}</span>
            {o.description && <span className="choice-description">{o.description}</span>}
          </span>
        </label>
      ))}
      {error && (
        <p className="field-error" id={`${id}-error`} role="alert">
          {error}
        </p>
      )}
    </fieldset>
  );
}

interface CheckboxFieldProps {
  label: ReactNode;
  description?: ReactNode;
  checked: boolean;
  onChecked: (checked: boolean) => void;
}

export function CheckboxField({ label, description, checked, onChecked }: CheckboxFieldProps) {
  return (
    <label className="choice checkbox">
      <input type="checkbox" checked={checked} onChange={(e) => onChecked(e.target.checked)} />
      <span className="choice-text">
        <span className="choice-label">{label}</span>
        {description && <span className="choice-description">{description}</span>}
      </span>
    </label>
  );
}
