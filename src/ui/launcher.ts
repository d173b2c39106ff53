/**
 * The launcher: a pill with an icon and "Feedback" in a corner (an icon-only circle on narrow
 * screens). A plain button, built without Preact: a page whose visitor never opens the widget
 * runs none of its rendering (bench/README.md, page-load). Its icon, a speech bubble, is drawn
 * by CSS (launcher.css) on an empty span: the first SVG element a page's script makes costs its
 * heap ~32 KB (the SVG interfaces' bindings, measured alone on a blank page), an eighth of what
 * the widget added to a page's heap.
 */
export function createLauncher(document: Document, label: string, onOpen: () => void): HTMLButtonElement {
  const icon = document.createElement('span');
  icon.className = 'launcher-icon';
  icon.setAttribute('aria-hidden', 'true');

  const text = document.createElement('span');
  text.className = 'launcher-label';
  text.textContent = label;

  const button = document.createElement('button');
  button.type = 'button';
  button.className = 'launcher';
  button.setAttribute('aria-label', label);
  button.append(icon, text);
  button.addEventListener('click', onOpen);
  return button;
}
