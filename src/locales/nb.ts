/**
 * Norwegian Bokmål (also served to Nynorsk and plain "no" readers). Addresses the user as "du".
 */
import type { Translation } from '../ui/i18n/translation.js';

const nb: Translation = {
  feedback: 'Tilbakemelding',
  title: 'Send tilbakemelding',
  message: 'Melding',
  messagePlaceholder: 'Hva fungerer bra? Hva står i veien for deg?',
  name: 'Navn',
  namePlaceholder: 'Navnet ditt',
  email: 'E-post',
  emailPlaceholder: 'navn@example.com',
  requiredMark: ' (må fylles ut)',
  send: 'Send',
  sending: 'Sender…',
  cancel: 'Avbryt',
  close: 'Lukk',
  required: 'Fyll ut dette feltet.',
  invalid: 'Sjekk dette feltet.',
  invalidEmail: 'Skriv inn en e-postadresse, for eksempel navn@example.com.',
  sent: 'Sendt – takk!',
  sentDetail: 'Tilbakemeldingen din har kommet fram til teamet.',
  saved: 'Lagret på denne enheten',
  savedOffline: 'Du er frakoblet. Tilbakemeldingen sendes når du er på nett igjen.',
  savedUnreachable: 'Serveren kan ikke nås akkurat nå. Tilbakemeldingen sendes så snart det går.',
  savedBusy: 'Serveren er opptatt. Tilbakemeldingen sendes om en liten stund.',
  savedMisconfigured: 'Tilbakemeldingstjenesten svarer ikke som den skal. Tilbakemeldingen sendes når tjenesten virker igjen.',
  savedLater: 'Tilbakemeldingen sendes så snart serveren svarer.',
  visitOnly: 'Bare lagret under dette besøket',
  visitOnlyDetail: 'Denne nettleseren tar ikke vare på den etter at du forlater siden: Den sendes hvis serveren svarer før det.',
  refused: 'Ikke sendt ennå',
  refusedDetail: 'Tilbakemeldingstjenesten på dette nettstedet tar ikke imot meldinger fra denne siden. Inntil den gjør det, blir tilbakemeldingen liggende lagret på denne enheten.',
  failed: 'Ikke sendt. Meldingen din er ikke borte – prøv igjen.',
  nps: 'Hvor sannsynlig er det at du vil anbefale oss til en venn eller kollega?',
  npsLow: 'Lite sannsynlig',
  npsHigh: 'Svært sannsynlig',
  csat: 'Hvor fornøyd er du med oss?',
  csatLow: 'Svært misfornøyd',
  csatHigh: 'Svært fornøyd',
  comment: 'Hva er hovedgrunnen til vurderingen din?',
  commentPlaceholder: 'Noen få ord holder',
  thanks: 'Takk!',
};

export default nb;
