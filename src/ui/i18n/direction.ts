/** The direction a language is written in, from its likely script (Arabic, Hebrew, Thaana, …). */
import { isPlainEnglish, likely } from './locales.js';

const RIGHT_TO_LEFT_SCRIPTS = /^(Arab|Hebr|Thaa|Syrc|Nkoo|Adlm|Rohg|Mand|Samr)$/;

/**
 * `rtl` for ar, he, fa, ur (and ps, yi, dv, ckb, …, or any tag naming such a script, e.g.
 * `pa-Arab`), `ltr` for the rest and for what is not a language tag.
 */
export function direction(locale: string): 'rtl' | 'ltr' {
  if (isPlainEnglish(locale)) return 'ltr';
  try {
    return RIGHT_TO_LEFT_SCRIPTS.test(likely(locale).script!) ? 'rtl' : 'ltr';
  } catch {
    return 'ltr';
  }
}
