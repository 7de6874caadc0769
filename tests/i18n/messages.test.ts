import { describe, expect, it } from 'vitest';
import { attachJosa } from '../../src/i18n/josa.js';
import { localeFrom, translate, type MessageKey } from '../../src/i18n/index.js';
import * as common from '../../src/i18n/messages/common.js';
import * as explain from '../../src/i18n/messages/explain.js';
import * as quiz from '../../src/i18n/messages/quiz.js';
import * as sandbox from '../../src/i18n/messages/sandbox.js';
import * as study from '../../src/i18n/messages/study.js';

const tables = { common, explain, quiz, sandbox, study };
const placeholders = (s: string) => [...s.matchAll(/(?<!\$)\{(\w+)\}/g)].map((m) => m[1]).sort();

describe('message tables', () => {
  it.each(Object.entries(tables))('%s: every key has the same placeholders in Korean and English', (_name, table) => {
    const ko = table.ko as Record<string, string>;
    const en = table.en as Record<string, string>;
    expect(Object.keys(en).sort()).toEqual(Object.keys(ko).sort());
    for (const key of Object.keys(ko)) {
      expect(placeholders(en[key] ?? ''), key).toEqual(placeholders(ko[key] ?? ''));
      expect((en[key] ?? '').trim(), key).not.toBe('');
    }
  });

  it('no English message carries Hangul-only text by mistake, and no Korean particle is left as 은(는) after a placeholder', () => {
    for (const table of Object.values(tables)) {
      for (const [key, text] of Object.entries(table.ko as Record<string, string>)) {
        expect(text, key).not.toMatch(/[}`”]\s?(은\(는\)|이\(가\)|을\(를\))/);
      }
    }
  });

  it('chooses Korean from the member locale unless it is English', () => {
    expect(localeFrom('ko')).toBe('ko');
    expect(localeFrom('en-US')).toBe('en');
    expect(localeFrom('en-GB')).toBe('en');
    expect(localeFrom('ja')).toBe('ko');
    expect(localeFrom(undefined)).toBe('ko');
  });

  it('fills placeholders and leaves unknown ones visible', () => {
    expect(translate('en', 'error.missingOption' as MessageKey, { name: 'question' })).toBe('`question` is required.');
    expect(translate('en', 'error.missingOption' as MessageKey)).toBe('`{name}` is required.');
  });
});

describe('Korean particles after interpolated words', () => {
  it.each([
    ['컨테이너{이/가}', '컨테이너가'],
    ['이미지{은/는}', '이미지는'],
    ['레지스트리{을/를}', '레지스트리를'],
    ['볼륨{을/를}', '볼륨을'],
    ['“컨테이너”{이에요/예요}', '“컨테이너”예요'],
    ['“볼륨”{이에요/예요}', '“볼륨”이에요'],
    ['서울{으로/로}', '서울로'],
    ['부산{으로/로}', '부산으로'],
    ['`2026-11-01`{은/는}', '`2026-11-01`은'],
    ['#2{을/를}', '#2를'],
    ['#3{을/를}', '#3을'],
    ['7{으로/로}', '7로'],
    ['`Nginx`{은/는}', '`Nginx`은(는)'],
    ['Asia/Seoul{으로/로}', 'Asia/Seoul(으)로'],
  ])('%s → %s', (input, expected) => {
    expect(attachJosa(input)).toBe(expected);
  });

  it('is applied to Korean messages only', () => {
    expect(translate('ko', 'study.question.added' as MessageKey, { id: 3 })).toContain('#3을');
    expect(translate('en', 'study.question.added' as MessageKey, { id: 3 })).not.toContain('{');
  });
});
