/**
 * Dutch. Addresses the user as "je", as most Dutch software does; an app that says "u" replaces
 * those sentences with `strings`.
 */
import type { Translation } from '../ui/i18n/translation.js';

const nl: Translation = {
  feedback: 'Feedback',
  title: 'Feedback versturen',
  message: 'Bericht',
  messagePlaceholder: 'Wat werkt goed? Waar loop je tegenaan?',
  name: 'Naam',
  namePlaceholder: 'Je naam',
  email: 'E-mailadres',
  emailPlaceholder: 'naam@example.com',
  requiredMark: ' (verplicht)',
  send: 'Versturen',
  sending: 'Bezig met versturen…',
  cancel: 'Annuleren',
  close: 'Sluiten',
  required: 'Vul dit veld in.',
  invalid: 'Controleer dit veld.',
  invalidEmail: 'Vul een e-mailadres in, zoals naam@example.com.',
  sent: 'Verstuurd, bedankt!',
  sentDetail: 'Je feedback is bij het team aangekomen.',
  saved: 'Opgeslagen op dit apparaat',
  savedOffline: 'Je bent offline. Het wordt verstuurd zodra je weer online bent.',
  savedUnreachable: 'De server is nu niet bereikbaar. Het wordt verstuurd zodra dat weer kan.',
  savedBusy: 'De server heeft het druk. Het wordt over een tijdje verstuurd.',
  savedMisconfigured: 'De feedbackdienst reageert niet zoals het hoort. Het wordt verstuurd zodra dat weer goed gaat.',
  savedLater: 'Het wordt verstuurd zodra de server reageert.',
  visitOnly: 'Alleen voor dit bezoek opgeslagen',
  visitOnlyDetail: 'Deze browser bewaart het niet als je weggaat: het wordt verstuurd als de server vóór die tijd reageert.',
  refused: 'Nog niet verstuurd',
  refusedDetail: 'De feedbackdienst van deze site accepteert geen berichten van deze pagina. Tot dat wel zo is, blijft je feedback op dit apparaat bewaard.',
  failed: 'Niet verstuurd. Je bericht staat er nog; probeer het opnieuw.',
  nps: 'Hoe waarschijnlijk is het dat je ons aanbeveelt bij een vriend of collega?',
  npsLow: 'Onwaarschijnlijk',
  npsHigh: 'Zeer waarschijnlijk',
  csat: 'Hoe tevreden ben je over ons?',
  csatLow: 'Zeer ontevreden',
  csatHigh: 'Zeer tevreden',
  comment: 'Wat is de belangrijkste reden voor je score?',
  commentPlaceholder: 'Een paar woorden zijn genoeg',
  thanks: 'Bedankt!',
};

export default nl;
