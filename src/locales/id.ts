/**
 * Indonesian. Polite "Anda", as Indonesian software writes.
 */
import type { Strings } from '../ui/strings.js';

const id: Strings = {
  feedback: 'Masukan',
  title: 'Kirim masukan',
  message: 'Pesan',
  name: 'Nama',
  email: 'Email',
  optional: 'opsional',
  send: 'Kirim',
  sending: 'Mengirim…',
  close: 'Tutup',
  required: 'Harap isi kolom ini.',
  invalid: 'Harap periksa kolom ini.',
  sent: 'Terkirim, terima kasih!',
  queued: 'Tersimpan — akan dikirim saat Anda kembali online',
  failed: 'Gagal mengirim. Pesan Anda tetap tersimpan — silakan coba lagi.',
  nps: 'Seberapa besar kemungkinan Anda merekomendasikan kami kepada teman atau kolega?',
  npsLow: 'Kecil kemungkinannya',
  npsHigh: 'Sangat mungkin',
  csat: 'Seberapa puas Anda dengan kami?',
  csatLow: 'Sangat tidak puas',
  csatHigh: 'Sangat puas',
  comment: 'Apa alasan utama Anda memberikan skor ini?',
  thanks: 'Terima kasih!',
};

export default id;
