/**
 * Czech. Addresses the user with the polite "vy", as Czech software does.
 */
import type { Translation } from '../ui/i18n/translation.js';

const cs: Translation = {
  feedback: 'Zpětná vazba',
  title: 'Odeslat zpětnou vazbu',
  message: 'Zpráva',
  messagePlaceholder: 'Co funguje dobře? Co vám překáží?',
  name: 'Jméno',
  namePlaceholder: 'Vaše jméno',
  email: 'E-mail',
  emailPlaceholder: 'jmeno@example.com',
  requiredMark: ' (povinné)',
  send: 'Odeslat',
  sending: 'Odesílání…',
  cancel: 'Zrušit',
  close: 'Zavřít',
  required: 'Vyplňte prosím toto pole.',
  invalid: 'Zkontrolujte prosím toto pole.',
  invalidEmail: 'Zadejte prosím e-mailovou adresu, například jmeno@example.com.',
  sent: 'Odesláno, děkujeme!',
  sentDetail: 'Vaše zpětná vazba dorazila k týmu.',
  saved: 'Uloženo v tomto zařízení',
  savedOffline: 'Jste offline. Odešle se, jakmile budete znovu online.',
  savedUnreachable: 'Server je teď nedostupný. Odešle se, jakmile to půjde.',
  savedBusy: 'Server je přetížený. Odešle se za chvíli.',
  savedMisconfigured: 'Služba pro zpětnou vazbu neodpovídá, jak by měla. Odešle se, jakmile začne odpovídat správně.',
  savedLater: 'Odešle se, jakmile server odpoví.',
  visitOnly: 'Uloženo jen pro tuto návštěvu',
  visitOnlyDetail: 'Tento prohlížeč si ji po odchodu ze stránky neponechá: odešle se, pokud server odpoví dřív.',
  refused: 'Zatím neodesláno',
  refusedDetail: 'Služba pro zpětnou vazbu tohoto webu nepřijímá zprávy z této stránky. Vaše zpětná vazba zůstane uložená v tomto zařízení, dokud ji služba nepřijme.',
  failed: 'Odeslání se nezdařilo. Vaše zpráva zůstala zachována – zkuste to prosím znovu.',
  nps: 'Jak pravděpodobné je, že byste nás doporučili příteli nebo kolegovi?',
  npsLow: 'Nepravděpodobné',
  npsHigh: 'Velmi pravděpodobné',
  csat: 'Jak jste s námi spokojeni?',
  csatLow: 'Velmi nespokojen',
  csatHigh: 'Velmi spokojen',
  comment: 'Jaký je hlavní důvod vašeho hodnocení?',
  commentPlaceholder: 'Stačí pár slov',
  thanks: 'Děkujeme!',
};

export default cs;
