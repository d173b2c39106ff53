/**
 * Indonesian. Polite "Anda", as Indonesian software writes.
 */
import type { Translation } from '../ui/i18n/translation.js';

const id: Translation = {
  feedback: 'Masukan',
  title: 'Kirim masukan',
  message: 'Pesan',
  messagePlaceholder: 'Apa yang sudah berjalan baik? Apa yang menghambat Anda?',
  name: 'Nama',
  namePlaceholder: 'Nama Anda',
  email: 'Email',
  emailPlaceholder: 'nama@example.com',
  requiredMark: ' (wajib)',
  send: 'Kirim',
  sending: 'Mengirim…',
  cancel: 'Batal',
  close: 'Tutup',
  required: 'Harap isi kolom ini.',
  invalid: 'Harap periksa kolom ini.',
  invalidEmail: 'Masukkan alamat email, misalnya nama@example.com.',
  sent: 'Terkirim, terima kasih!',
  sentDetail: 'Masukan Anda sudah sampai ke tim.',
  saved: 'Tersimpan di perangkat ini',
  savedOffline: 'Anda sedang offline. Masukan akan dikirim saat Anda kembali online.',
  savedUnreachable: 'Server tidak dapat dihubungi saat ini. Masukan akan dikirim begitu memungkinkan.',
  savedBusy: 'Server sedang sibuk. Masukan akan dikirim sebentar lagi.',
  savedMisconfigured: 'Layanan masukan tidak merespons sebagaimana mestinya. Masukan akan dikirim setelah layanan kembali normal.',
  savedLater: 'Masukan akan dikirim begitu server merespons.',
  visitOnly: 'Tersimpan hanya untuk kunjungan ini',
  visitOnlyDetail: 'Browser ini tidak akan menyimpannya setelah Anda meninggalkan halaman: masukan akan dikirim jika server merespons sebelum itu.',
  refused: 'Belum terkirim',
  refusedDetail: 'Layanan masukan situs ini tidak menerima pesan dari halaman ini. Sampai layanan itu menerimanya, masukan Anda tetap tersimpan di perangkat ini.',
  failed: 'Gagal mengirim. Pesan Anda masih ada — silakan coba lagi.',
  nps: 'Seberapa besar kemungkinan Anda merekomendasikan kami kepada teman atau kolega?',
  npsLow: 'Kecil kemungkinannya',
  npsHigh: 'Sangat mungkin',
  csat: 'Seberapa puas Anda dengan kami?',
  csatLow: 'Sangat tidak puas',
  csatHigh: 'Sangat puas',
  comment: 'Apa alasan utama Anda memberikan skor ini?',
  commentPlaceholder: 'Beberapa kata saja sudah cukup',
  thanks: 'Terima kasih!',
};

export default id;
