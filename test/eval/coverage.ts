/**
 * What a corpus covers, from each page's `covers` tags: the tables of test/fixtures/eval/README.md (layout family ×
 * language, and dateline forms, date sources, attribution patterns and other features → page numbers).
 * `node dist/test/eval/coverage.js [--holdout]` prints them; a unit test keeps the README in step.
 */
import type { Page } from './corpus.js';
import { LAYOUTS } from './schema.js';

/** Every tag a page may carry, by group, with what it means. */
export const TAGS = {
  dateline: {
    hyphen: '`CITY, D Month YYYY -` (hyphen with spaces)',
    'en-dash': 'en dash `–`',
    'em-dash': 'em dash `—`',
    'glued-dash': 'dash glued to the date (`2006-`)',
    'no-space-after': 'no space after the dash (`2014 –The`)',
    'several-cities': 'several cities (`VIENNA/WARSAW`)',
    'country-after-city': 'a country after the city',
    'date-before-city': 'the date before the city',
    'no-year': 'the year missing',
    'no-date': 'a city and no date (`VIENNA –`)',
    misspelled: 'a misspelled or old spelling of the city',
    bilingual: 'a bilingual city name (`PRISHTINË/PRIŠTINA`)',
    'mixed-case': 'the city in mixed case',
    'own-line': 'on its own line without comma (older pages)',
    'glued-caption': 'a photo caption glued to the dateline',
    'second-paragraph': 'in the second paragraph, after a lead',
    none: 'no dateline',
  },
  date: {
    'date-field': 'a filled Date field (or its translation)',
    'publishing-date': 'a `Publishing date:` label (listing entries)',
    'dateline-only': 'the dateline is the only date',
    'differs': 'the dateline differs from the publishing date',
    'month-first': 'a weekday and numeric month-first date (`Thu, 06/02/2016`)',
    caption: 'the date only in a photo caption',
    'localized-month': 'month names in the page language',
  },
  attribution: {
    'said-name-role': '`"…," said Name Surname, Role of Body.`',
    'name-said-colon': '`Name Surname, Role, said: "…"`',
    'role-name': '`said Body Role Name Surname` (role before the name)',
    'surname-only': 'surname only after the full name',
    'title-surname': 'title and surname (`Ambassador X`, `Dr. X`)',
    pronoun: 'a pronoun (`he said`, `a-t-elle ajouté`, `добавила она`)',
    'role-resolved': 'a role without a name, resolved from the office holders',
    'role-unresolved': 'a role without a name that the facts do not resolve (speaker null)',
    'two-paragraph': 'a quotation over two paragraphs',
    'according-to': '`according to Name`',
    'body-speaks': 'a body as the speaker (speaker null, never a person)',
    'several-speakers': 'several quotes from several speakers',
    'straight-quotes': 'straight quotes `"…"`',
    'curly-quotes': 'typographic quotes `“ ”`',
    guillemets: '`« »`',
    'low-high-quotes': '`„ “`',
    'no-quotes': 'no quotation',
  },
  feature: {
    'old-name': 'an older name (Chairman-in-Office, CSCE, FYROM, FRY, Centre in Almaty, Turkey, …)',
    demonym: 'a State named by its demonym (`the Norwegian Foreign Minister`)',
    'not-a-state': 'a demonym or name that is not a State mention (language names, footer address)',
    'historical-state': 'a historical State (FRY, Serbia and Montenegro, Czechoslovakia)',
    'closed-source': 'a closed operation as source (`(closed)`)',
    'unknown-source': 'a source or field the reference data lacks (kept out, page valid)',
    'minted-place': 'a place outside the reference data (minted key)',
    'several-places': 'several places',
    contacts: 'a Contacts block',
    'further-information': 'a "For further information" footer',
    'site-footer': 'a site footer or related-content block after the body',
    'section-word': 'a section word above the title (`Newsroom`, `Press releases`)',
    'no-content-type': 'no content-type line; the genre comes from elsewhere',
    event: 'an announced event',
    menus: 'site menus before the article',
    'cookie-banner': 'a cookie banner or scripts',
    'labels-no-dash': 'labels without `- ` items',
    fragment: 'a fragment a harvester cut out (no menus)',
    invalid: 'a page that must be rejected',
  },
} as const;

export type TagGroup = keyof typeof TAGS;

/** Whether `tag` ("dateline:no-year") is in the vocabulary. */
export function knownTag(tag: string): boolean {
  const [group, name] = tag.split(':') as [string, string | undefined];
  return name !== undefined && group in TAGS && name in TAGS[group as TagGroup];
}

const list = (ns: number[]) => (ns.length ? ns.map((n) => String(n).padStart(3, '0')).join(', ') : '—');

function layoutTable(pages: readonly Page[]): string[] {
  const langs = [...new Set(pages.map((p) => p.expected.language))].sort((a, b) => (a === 'en' ? -1 : b === 'en' ? 1 : a.localeCompare(b)));
  const rows = LAYOUTS.map((l) => `| ${l} | ${langs.map((g) => list(pages.filter((p) => p.expected.layout === l && p.expected.language === g).map((p) => p.number))).join(' | ')} |`);
  const count = (g: string) => pages.filter((p) => p.expected.language === g).length;
  const html = (g: string) => pages.filter((p) => p.expected.language === g && p.expected.format === 'html').length;
  return [
    `| layout \\ language | ${langs.join(' | ')} |`,
    `|---|${langs.map(() => '---').join('|')}|`,
    ...rows,
    `| pages (of them HTML) | ${langs.map((g) => `${count(g)} (${html(g)})`).join(' | ')} |`,
  ];
}

function tagTable(pages: readonly Page[], group: TagGroup): string[] {
  const tags = TAGS[group] as Record<string, string>;
  return [
    `| ${group} | pages |`,
    '|---|---|',
    ...Object.entries(tags).map(([tag, text]) => `| ${text} | ${list(pages.filter((p) => (p.expected.covers ?? []).includes(`${group}:${tag}`)).map((p) => p.number))} |`),
  ];
}

/** The coverage tables of a corpus, as Markdown. */
export function coverageTables(pages: readonly Page[]): string {
  const valid = pages.filter((p) => p.expected.valid).length;
  return [
    `${pages.length} pages: ${valid} valid, ${pages.length - valid} to be rejected; ${pages.filter((p) => p.expected.format === 'html').length} HTML.`,
    '',
    ...layoutTable(pages),
    '',
    ...(Object.keys(TAGS) as TagGroup[]).flatMap((g) => [...tagTable(pages, g), '']),
  ].join('\n');
}
