let next = 0;
/** A prefix for ids unique within the page, for `aria-describedby` and radio group names. */
export const uniqueId = () => `earful-${next++}`;
