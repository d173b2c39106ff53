/**
 * A user handed to the widget (the `user` option, `identify()`, `data-user-email`, the
 * `user-email` attribute) with an email that is not one would prefill the form with it and
 * make every submission fail the proxy's check. It is left out, and the console says so.
 */
import type { SubmissionUser } from '../schema/submission.js';
import { isEmail } from './check-fields.js';

export function usableUser<U extends SubmissionUser | null | undefined>(user: U, where: string): U {
  if (!user?.email || isEmail(user.email)) return user;
  console.warn(`[earful] ${where}: "${user.email}" is not an email address, so it is not used: pass a valid email or none.`);
  const { email: _, ...rest } = user;
  return rest as U;
}
