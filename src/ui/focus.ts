/** The focused element, looking inside open shadow roots (the launcher lives in one). */
export function deepActiveElement(doc: Document): HTMLElement | null {
  let a = doc.activeElement;
  while (a?.shadowRoot?.activeElement) a = a.shadowRoot.activeElement;
  return a as HTMLElement | null;
}

/** The enabled controls inside `el`, in document order. */
export const focusables = (el: Element) =>
  [...el.querySelectorAll<HTMLElement & { disabled?: boolean }>('button,input,textarea')].filter((e) => !e.disabled);
