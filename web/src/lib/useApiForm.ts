import { useMutation } from '@tanstack/react-query';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { formErrors, type FormErrors } from './problemText';

interface ApiFormOptions<V, R> {
  /** Names of the fields shown in the form, to place per-field server errors. */
  fields: readonly string[];
  /** Fields that must not be empty; checked before anything is sent. */
  required?: readonly (keyof V & string)[];
  /** Problem types that belong to one field, e.g. `{ username_taken: 'username' }`. */
  typeToField?: Record<string, string>;
  /** Extra checks before sending; return messages per field. */
  validate?: (values: V) => Record<string, string | undefined>;
  submit: (values: V) => Promise<R>;
  onSuccess?: (result: R, values: V) => void;
}

/** A form that sends to the API and shows every error next to what caused it. */
export function useApiForm<V extends object, R>(options: ApiFormOptions<V, R>) {
  const { t } = useTranslation();
  const [localErrors, setLocalErrors] = useState<Record<string, string> | null>(null);
  const mutation = useMutation({ mutationFn: options.submit, onSuccess: options.onSuccess });

  const errors: FormErrors = localErrors
    ? { form: null, fields: localErrors }
    : formErrors(t, mutation.error, options.fields, options.typeToField);

  const send = (values: V) => {
    const missing: Record<string, string> = {};
    for (const name of options.required ?? []) {
      const value = values[name];
      if (typeof value !== 'string' || value.trim() === '') missing[name] = t('fieldErrors.required');
    }
    const invalid: Record<string, string> = { ...missing };
    for (const [name, message] of Object.entries(options.validate?.(values) ?? {})) {
      if (message) invalid[name] = message;
    }
    if (Object.keys(invalid).length > 0) {
      mutation.reset();
      setLocalErrors(invalid);
      return;
    }
    setLocalErrors(null);
    mutation.mutate(values);
  };

  return {
    errors,
    pending: mutation.isPending,
    succeeded: mutation.isSuccess,
    data: mutation.data,
    /** The server's refusal as thrown, for messages a form words itself. */
    error: mutation.error,
    reset: () => {
      setLocalErrors(null);
      mutation.reset();
    },
    /** `onSubmit` handler for a `<form noValidate>`. */
    handle: (values: V) => (e: FormEvent) => {
      e.preventDefault();
      send(values);
    },
    send,
  };
}
