// Common ISO 639-2/3 codes and names to the two-letter codes the language filter uses.
const aliases: Record<string, string> = {
  eng: 'en',
  english: 'en',
  ingles: 'en',
  spa: 'es',
  spanish: 'es',
  espanol: 'es',
  castellano: 'es',
  vie: 'vi',
  vietnamese: 'vi',
  chi: 'zh',
  zho: 'zh',
  chinese: 'zh',
  mandarin: 'zh',
  cantonese: 'zh',
  tgl: 'tl',
  tagalog: 'tl',
  fil: 'tl',
  kor: 'ko',
  korean: 'ko',
  ara: 'ar',
  arabic: 'ar',
  rus: 'ru',
  russian: 'ru',
  por: 'pt',
  portuguese: 'pt',
  fre: 'fr',
  fra: 'fr',
  french: 'fr',
  urd: 'ur',
  urdu: 'ur',
  hin: 'hi',
  hindi: 'hi',
  hmn: 'hmn',
  hmong: 'hmn',
  mixteco: 'mix',
  mixtec: 'mix',
  zapoteco: 'zap',
  zapotec: 'zap',
  kiche: 'quc',
  quiche: 'quc',
  asl: 'sgn',
};

/**
 * The filter code of a language given as a code or a name, in English or Spanish.
 * @example languageCode('Español') // 'es'
 */
export function languageCode(value: string): string {
  const v = value.normalize('NFD').replace(/\p{M}/gu, '').toLowerCase().trim().split(/[-_]/)[0] ?? '';
  return aliases[v] ?? v;
}
