/**
 * Polish. Addresses the user informally ("ty"), as most Polish software now does; the
 * satisfaction question is phrased without a gendered adjective.
 */
import type { Translation } from '../ui/i18n/translation.js';

const pl: Translation = {
  feedback: 'Opinia',
  title: 'Wyślij opinię',
  message: 'Wiadomość',
  messagePlaceholder: 'Co działa dobrze? Co Ci przeszkadza?',
  name: 'Imię i nazwisko',
  namePlaceholder: 'Twoje imię i nazwisko',
  email: 'E-mail',
  emailPlaceholder: 'jan.kowalski@example.com',
  requiredMark: ' (wymagane)',
  send: 'Wyślij',
  sending: 'Wysyłanie…',
  cancel: 'Anuluj',
  close: 'Zamknij',
  required: 'Wypełnij to pole.',
  invalid: 'Sprawdź to pole.',
  invalidEmail: 'Wpisz adres e-mail, np. jan.kowalski@example.com.',
  sent: 'Wysłano. Dziękujemy!',
  sentDetail: 'Twoja opinia dotarła do zespołu.',
  saved: 'Zapisano na tym urządzeniu',
  savedOffline: 'Jesteś offline. Wiadomość zostanie wysłana, gdy znów połączysz się z internetem.',
  savedUnreachable: 'Serwer jest teraz nieosiągalny. Wiadomość zostanie wysłana, gdy tylko będzie to możliwe.',
  savedBusy: 'Serwer jest przeciążony. Wiadomość zostanie wysłana za chwilę.',
  savedMisconfigured: 'Usługa zbierania opinii nie odpowiada tak, jak powinna. Wiadomość zostanie wysłana, gdy usługa zacznie działać poprawnie.',
  savedLater: 'Wiadomość zostanie wysłana, gdy tylko serwer odpowie.',
  visitOnly: 'Zapisano tylko na czas tej wizyty',
  visitOnlyDetail: 'Ta przeglądarka nie zachowa wiadomości po opuszczeniu strony: zostanie ona wysłana, jeśli serwer odpowie wcześniej.',
  refused: 'Jeszcze nie wysłano',
  refusedDetail: 'Usługa zbierania opinii tej witryny nie przyjmuje wiadomości z tej strony. Wiadomość pozostanie zapisana na tym urządzeniu, dopóki usługa jej nie przyjmie.',
  failed: 'Nie udało się wysłać. Twoja wiadomość została zachowana – spróbuj ponownie.',
  nps: 'Jak prawdopodobne jest, że polecisz nas znajomemu lub współpracownikowi?',
  npsLow: 'Mało prawdopodobne',
  npsHigh: 'Bardzo prawdopodobne',
  csat: 'Jak oceniasz swoje zadowolenie z naszych usług?',
  csatLow: 'Bardzo niezadowolony',
  csatHigh: 'Bardzo zadowolony',
  comment: 'Jaki jest główny powód Twojej oceny?',
  commentPlaceholder: 'Wystarczy kilka słów',
  thanks: 'Dziękujemy!',
};

export default pl;
