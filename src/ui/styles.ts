/**
 * The widget's only CSS, adopted into its shadow root: no global selectors, no inline styles.
 * Theme with `--earful-accent`, `--earful-text`, `--earful-bg`, `--earful-radius` and
 * `--earful-font` (inherits the page's font) set on the host or any ancestor.
 */
const dark = '--a:var(--earful-accent,#a8c7fa);--t:var(--earful-text,#e3e3e3);--b:var(--earful-bg,#1f1f1f);color-scheme:dark';

export const css = `.r{all:initial;display:block;font-family:var(--earful-font,inherit);line-height:1.4;color:var(--t);accent-color:var(--a);--a:var(--earful-accent,#0b57d0);--t:var(--earful-text,#1f1f1f);--b:var(--earful-bg,#fff);--d:var(--earful-radius,8px)}
@media(prefers-color-scheme:dark){.r:not(.light){${dark}}}
.dark{${dark}}
*{box-sizing:border-box;font:inherit;color:inherit;margin:0}
button,textarea,.f input,.p,[role=dialog]{border:1px solid;border-radius:var(--d);background:var(--b)}
button{cursor:pointer;min-width:24px;min-height:24px;padding:.4em 1em}
.k,.l{background:var(--a);color:var(--b);border-color:var(--a)}
:focus-visible{outline:2px solid var(--a);outline-offset:2px;box-shadow:0 0 0 2px var(--b)}
.p,[role=dialog]{position:relative;max-width:28em;max-height:100%;overflow:auto;padding:16px}
.l,.c,.z{position:fixed;z-index:var(--z)}
.l,.c{bottom:16px;inset-inline-end:16px}
.s .l,.s .c{inset-inline:16px auto}
.l~.c{bottom:72px}
.c{width:min(24em,100% - 32px)}
.l,.c,[role=dialog]{box-shadow:0 2px 10px #0006}
.z{inset:0;display:grid;place-items:center;padding:8px;background:#0008}
.x{position:absolute;top:8px;inset-inline-end:8px;padding:0;border:0}
h2,legend,.e{font-weight:600;padding-inline-end:2em}
h2,legend,label,p:not(:empty){margin-bottom:12px}
label,textarea,.f input{display:block}
textarea,.f input{width:100%;padding:.5em}
fieldset{border:0;padding:0;min-width:0}
.g,.n{display:flex;flex-wrap:wrap;justify-content:space-between}
.g label{display:grid;justify-items:center;min-width:24px;margin:0}
@media(prefers-reduced-motion:no-preference){.p,[role=dialog]{animation:u .2s}}
@keyframes u{from{opacity:0}}`;

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
