/**
 * Message tables per locale behind typed keys. Each domain keeps its own table in `messages/<domain>.ts`
 * (`ko` defines the keys, `en` must have exactly the same ones); this file merges them. Korean messages write a
 * particle that depends on a placeholder as `{은/는}` right after it (see josa.ts).
 */
import { attachJosa } from './josa.js';
import * as common from './messages/common.js';
import * as explain from './messages/explain.js';
import * as study from './messages/study.js';
import * as quiz from './messages/quiz.js';
import * as sandbox from './messages/sandbox.js';
import * as repo from './messages/repo.js';
import * as meeting from './messages/meeting.js';
import * as group from './messages/group.js';

const ko = {
  ...common.ko,
  ...explain.ko,
  ...study.ko,
  ...quiz.ko,
  ...sandbox.ko,
  ...repo.ko,
  ...meeting.ko,
  ...group.ko,
};
const en: Record<keyof typeof ko, string> = {
  ...common.en,
  ...explain.en,
  ...study.en,
  ...quiz.en,
  ...sandbox.en,
  ...repo.en,
  ...meeting.en,
  ...group.en,
};

export type Locale = 'ko' | 'en';
export type MessageKey = keyof typeof ko;
export type MessageParams = Record<string, string | number>;
export type Translator = (key: MessageKey, params?: MessageParams) => string;

const tables: Record<Locale, Record<MessageKey, string>> = { ko, en };

/** Korean by default; English when the member's Discord locale is English (`en-US`, `en-GB`). */
export function localeFrom(discordLocale: string | null | undefined): Locale {
  return discordLocale?.toLowerCase().startsWith('en') ? 'en' : 'ko';
}

export function translate(locale: Locale, key: MessageKey, params: MessageParams = {}): string {
  const template = tables[locale][key];
  // `${…}` is literal text (the notes' naming rule), never a placeholder.
  const text = template.replace(/(?<!\$)\{(\w+)\}/g, (whole, name: string) =>
    Object.hasOwn(params, name) ? String(params[name]) : whole,
  );
  return locale === 'ko' ? attachJosa(text) : text;
}

export function translator(locale: Locale): Translator {
  return (key, params) => translate(locale, key, params);
}

/** The same message in every locale, for Discord's `*_localizations` fields. */
export function allLocales(key: MessageKey): Record<Locale, string> {
  return { ko: translate('ko', key), en: translate('en', key) };
}
