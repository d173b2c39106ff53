/**
 * Whether a string is well-formed UTF-16: no surrogate without its partner. A lone surrogate
 * becomes U+FFFD once encoded as UTF-8, so `"u\uD800"` and `"u\uFFFD"` would be the same
 * bytes to an HMAC or an upstream: the wire format refuses it in every string, in the proxy
 * and in the browser's check alike. (Not `String.prototype.isWellFormed`: older browsers
 * lack it, and the two sides must answer the same.)
 */
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?:^|[^\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isWellFormed = (text: string): boolean => !LONE_SURROGATE.test(text);
