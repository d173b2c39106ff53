/**
 * Polish. Addresses the user informally ("ty"), as most Polish software now does; the
 * satisfaction question is phrased without a gendered adjective.
 */
import type { Strings } from '../ui/strings.js';

const pl: Strings = {
  feedback: 'Opinia',
  title: 'Wyślij opinię',
  message: 'Wiadomość',
  name: 'Imię i nazwisko',
  email: 'E-mail',
  optional: 'opcjonalnie',
  send: 'Wyślij',
  sending: 'Wysyłanie…',
  close: 'Zamknij',
  required: 'Wypełnij to pole.',
  invalid: 'Sprawdź to pole.',
  sent: 'Wysłano. Dziękujemy!',
  queued: 'Zapisano. Wiadomość zostanie wysłana, gdy znów będziesz online.',
  failed: 'Nie udało się wysłać. Twoja wiadomość została zachowana – spróbuj ponownie.',
  nps: 'Jak prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?',
  npsLow: 'Mało prawdopodobne',
  npsHigh: 'Bardzo prawdopodobne',
  csat: 'Jak oceniasz swoje zadowolenie z naszych usług?',
  csatLow: 'Bardzo niezadowolony',
  csatHigh: 'Bardzo zadowolony',
  comment: 'Jaki jest główny powód Twojej oceny?',
  thanks: 'Dziękujemy!',
};

export default pl;
