/**
 * Norwegian Bokmål (also served to Nynorsk and plain "no" readers). Addresses the user as "du".
 */
import type { Strings } from '../ui/strings.js';

const nb: Strings = {
  feedback: 'Tilbakemelding',
  title: 'Send tilbakemelding',
  message: 'Melding',
  name: 'Navn',
  email: 'E-post',
  optional: 'valgfritt',
  send: 'Send',
  sending: 'Sender…',
  close: 'Lukk',
  required: 'Fyll ut dette feltet.',
  invalid: 'Sjekk dette feltet.',
  sent: 'Sendt – takk!',
  queued: 'Lagret – sendes når du er på nett igjen',
  failed: 'Ikke sendt. Meldingen din er tatt vare på – prøv igjen.',
  nps: 'Hvor sannsynlig er det at du vil anbefale oss til en venn eller kollega?',
  npsLow: 'Lite sannsynlig',
  npsHigh: 'Svært sannsynlig',
  csat: 'Hvor fornøyd er du med oss?',
  csatLow: 'Svært misfornøyd',
  csatHigh: 'Svært fornøyd',
  comment: 'Hva er hovedgrunnen til vurderingen din?',
  thanks: 'Takk!',
};

export default nb;
