/**
 * The language of a page: the languages osce.org and the field operations publish in are few and known, so a score
 * of their most frequent function words, and of the letters only one Cyrillic alphabet has, decides; the labels of
 * the page's layout break a tie. docs/decisions/0004-page-dates-and-language.md has the measurement against franc.
 */

/** The most frequent function words of each language (lower case). */
const STOP_WORDS: Record<string, string> = {
  en: 'the of and to in a is on for with that said by from at as was will are it this be an has have its their who which',
  fr: "le la les de des du et en un une à au aux dans pour par sur est qui que avec ce cette il elle ont sont été l d a-t-il déclaré",
  de: 'der die das und in den von zu mit des im für auf ist ein eine dem sich nicht auch hat wird bei sagte aus nach am zur zum',
  it: 'il la le di e che in un una per del della dei delle con non si da al alla è ha sono gli nel nella dell',
  es: 'el la los las de y en que un una por para con del al se es su sus lo como más ha han',
  ru: 'и в на с по что не к о из для это как его ее их от за также был была были сегодня он она они',
  uk: 'і в у на з що до не та й для це як його її від за також був була сьогодні він вона вони',
  sr: 'i u na je da se za od su sa o koji koja će iz ili a to ali bi и у на је да се за од су са о који која ће из или',
  mk: 'и во на со за од се да е што ќе ги го беа тоа како кон',
  sq: 'të e i në dhe për me që një nga është u së ka se do janë tha',
  ro: 'și în de la a pe cu care pentru din este o un că au se',
};

/** Letters of one Cyrillic or Latin alphabet among these languages: a word with one counts for that language. */
const LETTERS: Record<string, RegExp> = {
  ru: /[ыэъё]/u,
  uk: /[іїєґ]/u,
  mk: /[ѓќѕ]/u,
  sr: /[ђћ]/u,
  sq: /[ë]/u,
  ro: /[șțăâ]/u,
};
/** Serbian and Macedonian share these letters (Russian and Ukrainian have none of them). */
const SOUTH_SLAVIC = /[јљњџ]/u;

const words = new Map<string, Set<string>>(Object.entries(STOP_WORDS).map(([lang, list]) => [lang, new Set(list.split(' '))]));

/** Scores per language for `text`: function words, plus three for each word with letters only that language has. */
export function languageScores(text: string): Map<string, number> {
  const scores = new Map<string, number>([...words.keys()].map((l) => [l, 0]));
  const tokens = text.toLowerCase().normalize('NFC').split(/[^\p{L}'-]+/u).filter(Boolean);
  for (const token of tokens) {
    const bare = token.replace(/^[a-z]'/, '');
    for (const [lang, set] of words) if (set.has(token) || set.has(bare)) scores.set(lang, (scores.get(lang) ?? 0) + 1);
    for (const [lang, re] of Object.entries(LETTERS)) if (re.test(token)) scores.set(lang, (scores.get(lang) ?? 0) + 3);
    if (SOUTH_SLAVIC.test(token)) for (const lang of ['sr', 'mk']) scores.set(lang, (scores.get(lang) ?? 0) + 2);
  }
  return scores;
}

/**
 * The BCP 47 primary subtag of the page's language: the best-scoring language of the text, ties broken by the
 * languages whose labels the layout uses; English when the text has no scoring word at all.
 */
export function detectLanguage(text: string, layoutLanguages: readonly string[] = []): string {
  const scores = languageScores(text);
  let best = 'en';
  let top = 0;
  for (const [lang, score] of scores) {
    const better = score > top || (score === top && score > 0 && layoutLanguages.includes(lang) && !layoutLanguages.includes(best));
    if (better) {
      best = lang;
      top = score;
    }
  }
  return best;
}
