/**
 * The query mix: questions a researcher asks of the press releases, from a single-IRI lookup to analytical
 * aggregates. Parameters come from the generated data (`QueryParams`), so every engine runs identical text.
 */
import type { QueryParams } from './generate.js';

export type QueryKind = 'select' | 'construct';

export interface BenchQuery {
  id: string;
  /** What a researcher asks, for the report. */
  question: string;
  kind: QueryKind;
  /** Analytical queries scan most of the data; they are where the engines differ most. */
  analytical: boolean;
  text: string;
}

const PREFIXES = `PREFIX osce: <https://w3id.org/osce-kg/ontology#>
PREFIX schema: <http://schema.org/>
PREFIX org: <http://www.w3.org/ns/org#>
PREFIX xsd: <http://www.w3.org/2001/XMLSchema#>
PREFIX rdfs: <http://www.w3.org/2000/01/rdf-schema#>
`;

const q = (id: string, question: string, kind: QueryKind, analytical: boolean, body: string): BenchQuery => ({
  id, question, kind, analytical, text: PREFIXES + body.trim(),
});

export function queryMix(p: QueryParams): BenchQuery[] {
  return [
    q('lookup', 'headline and date of one release', 'select', false,
      `SELECT ?h ?d WHERE { <${p.release}> schema:headline ?h ; schema:datePublished ?d }`),
    q('byField', 'latest 20 releases about a field of work since 2015', 'select', false, `
SELECT ?r ?h ?d WHERE { ?r schema:about <${p.field}> ; schema:datePublished ?d ; schema:headline ?h .
  FILTER (?d >= "2015-01-01"^^xsd:date) } ORDER BY DESC(?d) ?r LIMIT 20`),
    q('countByState', 'releases mentioning each State', 'select', true, `
SELECT ?s (COUNT(?r) AS ?n) WHERE { ?r a osce:PressRelease ; schema:mentions ?s . ?s a osce:Country }
GROUP BY ?s ORDER BY DESC(?n) ?s`),
    q('countByStateYear', 'releases per State and year', 'select', true, `
SELECT ?s ?y (COUNT(?r) AS ?n) WHERE { ?r schema:mentions ?s ; schema:datePublished ?d . ?s a osce:Country .
  BIND (YEAR(?d) AS ?y) } GROUP BY ?s ?y ORDER BY ?s ?y`),
    q('join3', 'releases per publisher on a field in one year', 'select', true, `
SELECT ?pub (COUNT(?r) AS ?n) WHERE { ?r schema:publisher ?pub ; schema:about <${p.field}> ; schema:datePublished ?d .
  FILTER (YEAR(?d) = ${p.year}) } GROUP BY ?pub ORDER BY DESC(?n) ?pub`),
    q('join4', 'quotes by speakers of one body in releases mentioning one State, latest 50', 'select', true, `
SELECT ?r ?d ?name ?text WHERE { ?r schema:mentions <${p.country}> ; schema:datePublished ?d ; osce:quotation ?q .
  ?q osce:speakerAffiliation <${p.structure}> ; schema:text ?text ; schema:spokenByCharacter ?who . ?who schema:name ?name }
ORDER BY DESC(?d) ?q LIMIT 50`),
    q('optional', 'releases of one publisher in one year with their quotes if any', 'select', false, `
SELECT ?r ?h ?text WHERE { ?r schema:publisher <${p.structure}> ; schema:headline ?h ; schema:datePublished ?d .
  FILTER (?d >= "${p.year}-01-01"^^xsd:date && ?d < "${p.year + 1}-01-01"^^xsd:date)
  OPTIONAL { ?r osce:quotation ?q . ?q schema:text ?text } } ORDER BY ?r ?text`),
    q('unitPath', 'releases per year from any unit under one structure (org:unitOf+)', 'select', true, `
SELECT ?y (COUNT(?r) AS ?n) WHERE { ?pub org:unitOf+ <${p.unitParent}> . ?r schema:publisher ?pub ;
  schema:datePublished ?d . BIND (YEAR(?d) AS ?y) } GROUP BY ?y ORDER BY ?y`),
    q('textHeadline', 'how many headlines mention borders', 'select', true, `
SELECT (COUNT(?r) AS ?n) WHERE { ?r schema:headline ?h . FILTER (CONTAINS(LCASE(STR(?h)), "border")) }`),
    q('regexBody', 'releases whose body speaks of election observation, latest 20', 'select', true, `
SELECT ?r ?d WHERE { ?r schema:articleBody ?b ; schema:datePublished ?d . FILTER (REGEX(?b, "election observation", "i")) }
ORDER BY DESC(?d) ?r LIMIT 20`),
    q('personQuotes', 'everything one person said, newest first', 'select', false, `
SELECT ?r ?d ?text WHERE { ?q schema:spokenByCharacter <${p.person}> ; schema:text ?text . ?r osce:quotation ?q ;
  schema:datePublished ?d } ORDER BY DESC(?d) ?q LIMIT 100`),
    q('describe', 'DESCRIBE one release', 'construct', false, `DESCRIBE <${p.release}>`),
    q('construct', 'a headline/date graph of one field since 2024', 'construct', false, `
CONSTRUCT { ?r schema:headline ?h ; schema:datePublished ?d } WHERE { ?r schema:about <${p.field}> ;
  schema:headline ?h ; schema:datePublished ?d . FILTER (?d >= "2024-01-01"^^xsd:date) }`),
  ];
}
