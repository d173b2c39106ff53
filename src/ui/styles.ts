/**
 * The widget's only CSS, adopted into its shadow root: no global selectors, no inline styles.
 * Theme with `--earful-accent`, `--earful-text`, `--earful-bg`, `--earful-radius` and
 * `--earful-font` (inherits the page's font) set on the host or any ancestor.
 */
const dark = '--a:var(--earful-accent,#a8c7fa);--t:var(--earful-text,#e3e3e3);--b:var(--earful-bg,#1f1f1f);color-scheme:dark';

/** The stylesheet, one concept a line; `z` is the z-index of what floats over the page. */
export const css = (z: number) =>
  '.r{all:initial;display:block;font-family:var(--earful-font,inherit);color:var(--t);accent-color:var(--a);--a:var(--earful-accent,#0b57d0);--t:var(--earful-text,#1f1f1f);--b:var(--earful-bg,#fff)}' +
  `@media(prefers-color-scheme:dark){.r:not(.light){${dark}}}` +
  `.dark{${dark}}` +
  '*{box-sizing:border-box;font:inherit;color:inherit;margin:0}' +
  'button,.i,.p{border:1px solid;border-radius:var(--earful-radius,8px);background:var(--b);padding:.5em}' +
  '.k,.l{background:var(--a);color:var(--b)}' +
  ':focus-visible{outline:2px solid var(--a);outline-offset:2px}' +
  '.p{position:relative;width:min(28em,100%);max-height:100%;overflow:auto;padding:1em}' +
  '.p,form{display:grid;gap:12px}' +
  `.l,.c,.z{position:fixed;z-index:${z}}` +
  '.l,.c{bottom:16px;inset-inline-end:16px}' +
  '.s .l,.s .c{inset-inline:16px auto}' +
  '.l~.c{bottom:72px}' +
  '.c{width:min(24em,100% - 32px)}' +
  '.z{inset:0;display:grid;place-items:center;background:#0008}' +
  '.x{position:absolute;top:8px;inset-inline-end:8px}' +
  'h2,legend{font-weight:600;padding-inline-end:2em;margin-bottom:8px}' +
  '.i{width:100%}' +
  'fieldset{border:0;padding:0}' +
  '.g,.n{display:flex;flex-wrap:wrap;justify-content:space-between}' +
  '.g label{display:grid;justify-items:center;min-width:24px}' +
  '@media(prefers-reduced-motion:no-preference){.p{animation:u .2s}}' +
  '@keyframes u{from{opacity:0}}';

/** Adopts the CSS into `root`; where constructed sheets are missing, a `<style>` with the nonce. */
export function adoptStyles(root: ShadowRoot, text: string, nonce?: string): void {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [sheet];
  } catch {
    const style = root.ownerDocument.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = text;
    root.append(style);
  }
}
