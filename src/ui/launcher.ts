/**
 * The launcher: a pill with an icon and "Feedback" in a corner (an icon-only circle on narrow
 * screens). A plain button, built without Preact: a page whose visitor never opens the widget
 * runs none of its rendering (bench/README.md, page-load).
 */
import { ICONS } from './icon-paths.js';

const SVG = 'http://www.w3.org/2000/svg';

export function createLauncher(document: Document, label: string, onOpen: () => void): HTMLButtonElement {
  const icon = document.createElementNS(SVG, 'svg');
  icon.setAttribute('class', 'icon');
  icon.setAttribute('viewBox', '0 0 24 24');
  icon.setAttribute('aria-hidden', 'true');
  icon.setAttribute('focusable', 'false');
  const path = document.createElementNS(SVG, 'path');
  path.setAttribute('d', ICONS.message);
  icon.append(path);

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
