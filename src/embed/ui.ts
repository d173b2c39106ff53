/**
 * The script tag's second file, `dist/earful-ui.js`: the module that draws the dialog, the form
 * and the prompts, loaded by `earful.js` from beside itself (load-ui.ts).
 */
export { renderSurfaces, surfacesStylesheet } from '../ui/surfaces.js';
