/**
 * Czech. Addresses the user with the polite "vy", as Czech software does.
 */
import type { Strings } from '../ui/strings.js';

const cs: Strings = {
  feedback: 'Zpětná vazba',
  title: 'Odeslat zpětnou vazbu',
  message: 'Zpráva',
  name: 'Jméno',
  email: 'E-mail',
  optional: 'nepovinné',
  send: 'Odeslat',
  sending: 'Odesílání…',
  close: 'Zavřít',
  required: 'Vyplňte prosím toto pole.',
  invalid: 'Zkontrolujte prosím toto pole.',
  sent: 'Odesláno, děkujeme!',
  queued: 'Uloženo – odešle se, jakmile budete znovu online',
  failed: 'Odeslání se nezdařilo. Vaše zpráva zůstala uložená – zkuste to prosím znovu.',
  nps: 'Jak pravděpodobné je, že byste nás doporučili příteli nebo kolegovi?',
  npsLow: 'Nepravděpodobné',
  npsHigh: 'Velmi pravděpodobné',
  csat: 'Jak jste s námi spokojeni?',
  csatLow: 'Velmi nespokojen',
  csatHigh: 'Velmi spokojen',
  comment: 'Jaký je hlavní důvod vašeho hodnocení?',
  thanks: 'Děkujeme!',
};

export default cs;
