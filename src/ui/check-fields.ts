/**
 * The feedback form's own checks, before anything is submitted: required fields filled in, an
 * email that looks like one (the wire format's own rule, so the proxy would agree).
 */
import { EMAIL_PATTERN } from '../schema/limits.js';

export type FieldName = 'message' | 'name' | 'email';
export type FieldMode = 'hidden' | 'optional' | 'required';
export type FieldModes = Record<FieldName, FieldMode>;
/** Keys of `Strings`: what is said under a field that needs another look. */
export type FieldProblem = 'required' | 'invalid' | 'invalidEmail';
export type FieldProblems = Partial<Record<FieldName, FieldProblem>>;

/** In the order the form shows them: the first with a problem gets focus. */
export const FIELD_ORDER: FieldName[] = ['message', 'name', 'email'];

export const isEmail = (text: string) => EMAIL_PATTERN.test(text);

/** The problems of the trimmed `values`; empty when all is well. Hidden fields are not checked. */
export function checkFields(values: Partial<Record<FieldName, string>>, modes: FieldModes): FieldProblems {
  const problems: FieldProblems = {};
  for (const name of FIELD_ORDER) {
    const value = values[name] ?? '';
    if (modes[name] === 'hidden') continue;
    if (modes[name] === 'required' && !value) problems[name] = 'required';
    else if (name === 'email' && value && !isEmail(value)) problems[name] = 'invalidEmail';
  }
  return problems;
}

/**
 * The form's field a `failed` answer's `path` names, when the client's check (stricter than the
 * form's own) refused what the user typed: `user.email` → `email`.
 */
export function fieldOfPath(path: string | undefined): FieldName | undefined {
  if (path === 'user.email') return 'email';
  if (path === 'user.name') return 'name';
  return undefined;
}
