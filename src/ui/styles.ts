/**
 * The widget's CSS, adopted into its shadow root: no global selectors, no inline styles.
 * Written as plain CSS files in ./styles/ (the design system: tokens.css and type.css), which
 * the build bundles into minified strings: widget.css (the resets, the design system and the
 * launcher: what every page shows at once) and dark.css here; surfaces.css (the dialog, the form
 * and the prompts) with the code that draws them (surfaces.tsx), adopted after this the first
 * time they are drawn. Theme with the `--earful-*` variables of tokens.css, set on the host
 * element or any ancestor.
 */
import dark from './styles/dark.css?inline';
import widget from './styles/widget.css?inline';

/** With colorScheme 'system', the dark theme follows the OS, live: the same rule under a media query. */
const darkWhenOsIsDark = `@media (prefers-color-scheme: dark){${dark.replaceAll('.theme-dark', '.theme-system')}}`;

/** What floats over the page sits this high (written here: the CSS minifier rounds big numbers). */
export const Z_INDEX = 2147483000;

/** The stylesheet at start (the cards' comes later); `zIndex` is the stacking level of what floats over the page. */
export function stylesheet(zIndex = Z_INDEX): string {
  const stacking = `.root{--z:${zIndex}}`;
  return [widget, dark, darkWhenOsIsDark, stacking].join('');
}

/** A stylesheet `adoptStyles` added to a shadow root: adopted, or a `<style>` where that is missing. */
export type AddedStyles = CSSStyleSheet | HTMLStyleElement;

/**
 * Adds the CSS to `root`, after what it has; where constructed sheets are missing, a `<style>`
 * with the nonce. Answers what it added, for `dropStyles`.
 */
export function adoptStyles(root: ShadowRoot, text: string, nonce?: string): AddedStyles {
  try {
    const sheet = new CSSStyleSheet();
    sheet.replaceSync(text);
    root.adoptedStyleSheets = [...root.adoptedStyleSheets, sheet];
    return sheet;
  } catch {
    const style = root.ownerDocument.createElement('style');
    if (nonce) style.nonce = nonce;
    style.textContent = text;
    root.append(style);
    return style;
  }
}

/**
 * Whether `adoptStyles` fell back to a `<style>` (an element, taken out of the tree) rather than
 * an adopted sheet (taken out of the list). Not `instanceof`: where the fallback is used,
 * `CSSStyleSheet` may not exist at all.
 */
const isStyleElement = (added: AddedStyles): added is HTMLStyleElement => 'remove' in added;

/** Takes away from `root` the styles `adoptStyles` added, and only those. */
export function dropStyles(root: ShadowRoot, added: AddedStyles[]): void {
  const sheets = added.filter((each) => !isStyleElement(each));
  if (sheets.length > 0) root.adoptedStyleSheets = root.adoptedStyleSheets.filter((sheet) => !sheets.includes(sheet));
  for (const each of added) if (isStyleElement(each)) each.remove();
}
