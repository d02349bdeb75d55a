// A registry symbol, not a module-local one: a second copy of this package (another bundle, an iframe, a
// vm context) sees the same brand, so `instanceof` and `isClickwaError` work across copies and realms.
/** The brand every clickwa error class carries; a subclass sets its own. */
export const KIND: unique symbol = Symbol.for('clickwa.error.kind');
