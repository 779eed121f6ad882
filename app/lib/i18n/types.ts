/** The same shape with every text a string: what a translation of the Dutch resources must provide. */
export type DeepStrings<T> = { [K in keyof T]: T[K] extends string ? string : DeepStrings<T[K]> };
