/**
 * One labelled form field: the label (with a visible marker when the field is required), the
 * input or textarea, and, when it needs another look, its error in the error colour with an
 * icon, tied to the control by `aria-describedby` and `aria-invalid`.
 */
import { Icon } from './icons.js';

export interface FieldProps {
  /** The control's id; its error's id is made from it. */
  id: string;
  label: string;
  /** Shown after the label of a required field, spacing included, e.g. " (required)"; screen readers hear `required` instead. */
  requiredMark?: string;
  required?: boolean;
  /** A textarea of this many rows rather than a one-line input. */
  rows?: number;
  type?: 'text' | 'email';
  autocomplete?: string;
  placeholder?: string;
  maxLength: number;
  value?: string;
  /** What is wrong with the value, in words; absent while it is fine. */
  error?: string;
  onInput(value: string): void;
}

export function Field(props: FieldProps) {
  const errorId = `${props.id}-error`;
  const control = {
    id: props.id,
    class: 'field-control',
    name: props.id,
    required: props.required,
    placeholder: props.placeholder,
    maxLength: props.maxLength,
    value: props.value ?? '',
    'aria-invalid': props.error ? true : undefined,
    'aria-describedby': props.error ? errorId : undefined,
    onInput: (event: Event) => props.onInput((event.currentTarget as HTMLInputElement).value),
  };
  return (
    <div class="field">
      <label class="field-label">
        <span>
          {props.label}
          {props.required && (
            <span class="field-marker" aria-hidden="true">
              {props.requiredMark}
            </span>
          )}
        </span>
        {props.rows ? (
          <textarea {...control} rows={props.rows} />
        ) : (
          // Preact types each input type apart; 'text' stands for both here.
          <input {...control} type={(props.type ?? 'text') as 'text'} autocomplete={props.autocomplete} />
        )}
      </label>
      {props.error && (
        <p class="field-error" id={errorId}>
          <Icon name="alert" />
          {props.error}
        </p>
      )}
    </div>
  );
}
