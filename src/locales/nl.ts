/**
 * Dutch. Addresses the user as "je", as most Dutch software does; an app that says "u" replaces
 * those sentences with `strings`.
 */
import type { Strings } from '../ui/strings.js';

const nl: Strings = {
  feedback: 'Feedback',
  title: 'Feedback versturen',
  message: 'Bericht',
  name: 'Naam',
  email: 'E-mailadres',
  optional: 'optioneel',
  send: 'Versturen',
  sending: 'Versturen…',
  close: 'Sluiten',
  required: 'Vul dit veld in.',
  invalid: 'Controleer dit veld.',
  sent: 'Verstuurd, bedankt!',
  queued: 'Opgeslagen: wordt verstuurd zodra je weer online bent',
  failed: 'Niet verstuurd. Je bericht is bewaard; probeer het opnieuw.',
  nps: 'Hoe waarschijnlijk is het dat je ons aanbeveelt bij een vriend of collega?',
  npsLow: 'Onwaarschijnlijk',
  npsHigh: 'Zeer waarschijnlijk',
  csat: 'Hoe tevreden ben je over ons?',
  csatLow: 'Zeer ontevreden',
  csatHigh: 'Zeer tevreden',
  comment: 'Wat is de belangrijkste reden voor je score?',
  thanks: 'Bedankt!',
};

export default nl;
