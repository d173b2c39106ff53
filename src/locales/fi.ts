/**
 * Finnish. Addresses the user as "sinä", as Finnish software does.
 */
import type { Strings } from '../ui/strings.js';

const fi: Strings = {
  feedback: 'Palaute',
  title: 'Lähetä palautetta',
  message: 'Viesti',
  name: 'Nimi',
  email: 'Sähköposti',
  optional: 'valinnainen',
  send: 'Lähetä',
  sending: 'Lähetetään…',
  close: 'Sulje',
  required: 'Täytä tämä kenttä.',
  invalid: 'Tarkista tämä kenttä.',
  sent: 'Lähetetty – kiitos!',
  queued: 'Tallennettu – lähetetään, kun olet taas verkossa',
  failed: 'Lähetys epäonnistui. Viestisi on tallessa – yritä uudelleen.',
  nps: 'Kuinka todennäköisesti suosittelisit meitä ystävälle tai kollegalle?',
  npsLow: 'Epätodennäköisesti',
  npsHigh: 'Erittäin todennäköisesti',
  csat: 'Kuinka tyytyväinen olet meihin?',
  csatLow: 'Erittäin tyytymätön',
  csatHigh: 'Erittäin tyytyväinen',
  comment: 'Mikä on tärkein syy antamaasi arvosanaan?',
  thanks: 'Kiitos!',
};

export default fi;
