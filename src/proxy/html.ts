/** A tagged template that escapes every interpolated value unless it is already `Html`. */
export class Html {
  constructor(readonly value: string) {}
  toString(): string {
    return this.value;
  }
}

const ESCAPES: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };
export const escapeHtml = (s: string) => s.replace(/[&<>"']/g, (c) => ESCAPES[c]!);

export function html(strings: TemplateStringsArray, ...values: unknown[]): Html {
  const piece = (v: unknown): string =>
    v instanceof Html ? v.value : Array.isArray(v) ? v.map(piece).join('') : v == null ? '' : escapeHtml(String(v));
  return new Html(strings.reduce((out, s, i) => out + s + (i < values.length ? piece(values[i]) : ''), ''));
}

export const PAGE_STYLE = `
  :root { color-scheme: light dark; font: 15px/1.5 system-ui, sans-serif; }
  body { max-width: 60rem; margin: 2rem auto; padding: 0 1rem; }
  pre { background: color-mix(in srgb, currentColor 7%, transparent); padding: .75rem; border-radius: 6px; overflow: auto; font-size: 13px; }
  .batch { border-top: 1px solid color-mix(in srgb, currentColor 20%, transparent); padding-top: .5rem; margin-top: 1.5rem; }
  .tag { font-weight: 600; }
  label { display: block; margin: .5rem 0 .2rem; }
  textarea, input, select { font: inherit; width: 100%; box-sizing: border-box; padding: .4rem; }
  button { font: inherit; padding: .4rem 1rem; margin-top: .75rem; }
`;
