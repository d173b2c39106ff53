/** Ids unique in the page, for `aria-describedby`, labels and radio group names across widgets. */
let last = 0;

export const uniqueId = (): string => `earful-${++last}`;
