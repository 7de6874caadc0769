/** Messages of this domain. `ko` defines the keys; `en` must have the same ones. Placeholders are `{name}`. */
export const ko = {} as const;

export const en: Record<keyof typeof ko, string> = {};
