/**
 * The shared schemas declare only the fields vpclens reads, but AWS returns many more, and the demo should
 * look like AWS. Open<T> accepts T's fields plus any others at every depth, which TypeScript's excess-property
 * check would otherwise refuse in object literals.
 */
export type Open<T> = T extends readonly (infer U)[] ? Open<U>[]
  : T extends object ? { [K in keyof T]: Open<T[K]> } & { [extra: string]: unknown }
  : T

/** Identity at run time; at compile time, "an SDK output object of type T, with AWS's extra fields". */
export function sdkShape<T>(value: Open<T>): T {
  return value as T
}
