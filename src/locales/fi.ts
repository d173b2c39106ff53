/**
 * Finnish. Addresses the user as "sinä", as Finnish software does.
 */
import type { Translation } from '../ui/i18n/translation.js';

const fi: Translation = {
  feedback: 'Palaute',
  title: 'Lähetä palautetta',
  message: 'Viesti',
  messagePlaceholder: 'Mikä toimii hyvin? Mikä on hankalaa?',
  name: 'Nimi',
  namePlaceholder: 'Nimesi',
  email: 'Sähköposti',
  emailPlaceholder: 'nimi@example.com',
  requiredMark: ' (pakollinen)',
  send: 'Lähetä',
  sending: 'Lähetetään…',
  cancel: 'Peruuta',
  close: 'Sulje',
  required: 'Täytä tämä kenttä.',
  invalid: 'Tarkista tämä kenttä.',
  invalidEmail: 'Anna sähköpostiosoite, esimerkiksi nimi@example.com.',
  sent: 'Lähetetty – kiitos!',
  sentDetail: 'Palautteesi on välitetty tiimille.',
  saved: 'Tallennettu tälle laitteelle',
  savedOffline: 'Olet offline-tilassa. Palaute lähetetään, kun olet taas verkossa.',
  savedUnreachable: 'Palvelimeen ei juuri nyt saada yhteyttä. Palaute lähetetään heti, kun se on mahdollista.',
  savedBusy: 'Palvelin on ruuhkautunut. Palaute lähetetään hetken kuluttua.',
  savedMisconfigured: 'Palautepalvelu ei vastaa niin kuin pitäisi. Palaute lähetetään, kun se taas toimii.',
  savedLater: 'Palaute lähetetään heti, kun palvelin vastaa.',
  visitOnly: 'Tallennettu vain tämän käynnin ajaksi',
  visitOnlyDetail: 'Tämä selain ei säilytä palautetta, kun poistut sivulta: se lähetetään, jos palvelin vastaa sitä ennen.',
  refused: 'Ei vielä lähetetty',
  refusedDetail: 'Sivuston palautepalvelu ei ota vastaan viestejä tältä sivulta. Palaute pysyy tallessa tällä laitteella, kunnes palvelu ottaa sen vastaan.',
  failed: 'Lähetys epäonnistui. Viestisi ei kadonnut – yritä uudelleen.',
  nps: 'Kuinka todennäköisesti suosittelisit meitä ystävälle tai kollegalle?',
  npsLow: 'Epätodennäköisesti',
  npsHigh: 'Erittäin todennäköisesti',
  csat: 'Kuinka tyytyväinen olet meihin?',
  csatLow: 'Erittäin tyytymätön',
  csatHigh: 'Erittäin tyytyväinen',
  comment: 'Mikä on tärkein syy antamaasi arvosanaan?',
  commentPlaceholder: 'Muutama sana riittää',
  thanks: 'Kiitos!',
};

export default fi;
