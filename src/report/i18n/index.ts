// Pick the message catalogue for a report language.

import { en, type Messages } from './en.js';
import { zh } from './zh.js';

export type { Messages };
export type ReportLang = 'en' | 'zh';

export function messages(lang: ReportLang): Messages {
  return lang === 'zh' ? zh : en;
}
