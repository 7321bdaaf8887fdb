/**
 * A compact stand-in for the reference data (from /work/shared/reference/osce-facts.md), used only when the
 * project's own `loadReferenceQuads` is not available, so the bench can run on any checkout. It carries what the
 * generator and the queries need: States, structures with their `org:unitOf` tree, field operations with host State
 * and headquarters, fields of work, places, content types.
 */
import { DataFactory } from 'n3';
import type { Quad } from '@rdfjs/types';
import { Iris, NS, slugify } from '../src/model/ns.js';

const { namedNode, literal, quad } = DataFactory;

const STATES =
  'al Albania|ad Andorra|am Armenia|at Austria|az Azerbaijan|by Belarus|be Belgium|ba Bosnia and Herzegovina|bg Bulgaria|' +
  'ca Canada|hr Croatia|cy Cyprus|cz Czechia|dk Denmark|ee Estonia|fi Finland|fr France|ge Georgia|de Germany|gr Greece|' +
  'va Holy See|hu Hungary|is Iceland|ie Ireland|it Italy|kz Kazakhstan|kg Kyrgyzstan|lv Latvia|li Liechtenstein|' +
  'lt Lithuania|lu Luxembourg|mt Malta|md Moldova|mc Monaco|mn Mongolia|me Montenegro|nl The Netherlands|' +
  'mk North Macedonia|no Norway|pl Poland|pt Portugal|ro Romania|ru Russian Federation|sm San Marino|rs Serbia|' +
  'sk Slovakia|si Slovenia|es Spain|se Sweden|ch Switzerland|tj Tajikistan|tr Türkiye|tm Turkmenistan|ua Ukraine|' +
  'gb United Kingdom|us United States of America|uz Uzbekistan|jp Japan|kr Republic of Korea|th Thailand|' +
  'af Afghanistan|au Australia|dz Algeria|eg Egypt|il Israel|ma Morocco|tn Tunisia|jo Jordan';

const FIELDS =
  'Arms control|Border management|Combating trafficking in human beings|Conflict prevention and resolution|' +
  'Countering terrorism|Cyber/ICT Security|Democratization|Economic activities|Education|Elections|' +
  'Environmental activities|Gender equality|Good governance|Human rights|Media freedom and development|Migration|' +
  'National minority issues|Policing|Reform and co-operation in the security sector|Roma and Sinti|Rule of law|' +
  'Tolerance and non-discrimination|Youth';

/** name | abbreviation | parent slug ('' = the OSCE) | seat place */
const STRUCTURES =
  'Chairpersonship|CiO||Vienna;Ministerial Council|MC||Vienna;Permanent Council|PC||Vienna;' +
  'Forum for Security Co-operation|FSC||Vienna;Secretariat|SG||Vienna;Conflict Prevention Centre|CPC|secretariat|Vienna;' +
  'Transnational Threats Department|TNTD|secretariat|Vienna;Strategic Police Matters Unit|SPMU|transnational-threats-department|Vienna;' +
  'Action against Terrorism Unit|ATU|transnational-threats-department|Vienna;' +
  'Border Security and Management Unit|BSMU|transnational-threats-department|Vienna;' +
  'Office of the Special Representative and Co-ordinator for Combating Trafficking in Human Beings|OSR/CTHB|secretariat|Vienna;' +
  'Office of the Co-ordinator of OSCE Economic and Environmental Activities|OCEEA|secretariat|Vienna;' +
  'Gender Issues Programme||secretariat|Vienna;Office for Democratic Institutions and Human Rights|ODIHR||Warsaw;' +
  'High Commissioner on National Minorities|HCNM||The Hague;Representative on Freedom of the Media|RFoM||Vienna;' +
  'Parliamentary Assembly|OSCE PA||Copenhagen;Court of Conciliation and Arbitration|CCA||Geneva';

/** name | host State | headquarters */
const OPERATIONS =
  'Presence in Albania|al|Tirana;Centre in Ashgabat|tm|Ashgabat;Programme Office in Astana|kz|Astana;' +
  'Programme Office in Bishkek|kg|Bishkek;Mission to Bosnia and Herzegovina|ba|Sarajevo;' +
  'Programme Office in Dushanbe|tj|Dushanbe;Mission in Kosovo||Pristina;Mission to Moldova|md|Chisinau;' +
  'Mission to Montenegro|me|Podgorica;Mission to Serbia|rs|Belgrade;Mission to Skopje|mk|Skopje;' +
  'Project Co-ordinator in Uzbekistan|uz|Tashkent;Special Monitoring Mission to Ukraine|ua|Kyiv;' +
  'Project Co-ordinator in Ukraine|ua|Kyiv;Mission to Georgia|ge|Tbilisi;Office in Yerevan|am|Yerevan;' +
  'Office in Baku|az|Baku;Office in Zagreb|hr|Zagreb';

const PLACES: Record<string, string> = {
  Vienna: 'at', Warsaw: 'pl', 'The Hague': 'nl', Copenhagen: 'dk', Geneva: 'ch', Tirana: 'al', Ashgabat: 'tm',
  Astana: 'kz', Bishkek: 'kg', Sarajevo: 'ba', Dushanbe: 'tj', Pristina: '', Chisinau: 'md', Podgorica: 'me',
  Belgrade: 'rs', Skopje: 'mk', Tashkent: 'uz', Kyiv: 'ua', Tbilisi: 'ge', Yerevan: 'am', Baku: 'az', Zagreb: 'hr',
  Prague: 'cz', Helsinki: 'fi', Brussels: 'be', Madrid: 'es', Berlin: 'de', Rome: 'it', Stockholm: 'se', Bern: 'ch',
  Osh: 'kg', Mostar: 'ba', Bratislava: 'sk', Valletta: 'mt', Lodz: 'pl', Milan: 'it', Basel: 'ch', Hamburg: 'de',
};

const CONTENT_TYPES = ['Press release', 'News item', 'Press statement', 'Media advisory'];

/** The fallback reference data as quads in `{base}graph/reference`. */
export function fallbackReferenceQuads(base: string): Quad[] {
  const iris = new Iris(base);
  const g = namedNode(iris.referenceGraph);
  const out: Quad[] = [];
  const add = (s: string, p: string, o: string | ReturnType<typeof literal>): void => {
    out.push(quad(namedNode(s), namedNode(p), typeof o === 'string' ? namedNode(o) : o, g));
  };
  const named = (s: string, types: string[], name: string): void => {
    for (const t of types) add(s, `${NS.rdf}type`, t);
    add(s, `${NS.schema}name`, literal(name, 'en'));
    add(s, `${NS.rdfs}label`, literal(name, 'en'));
  };
  const osce = iris.entity('organization', 'osce');
  named(osce, [`${NS.org}FormalOrganization`, `${NS.schema}GovernmentOrganization`], 'OSCE');
  for (const entry of STATES.split('|')) {
    const [iso, ...name] = entry.split(' ');
    named(iris.entity('country', iso ?? ''), [`${NS.osce}Country`, `${NS.schema}Country`], name.join(' '));
  }
  for (const [name, iso] of Object.entries(PLACES)) {
    const p = iris.entity('place', slugify(name));
    named(p, [`${NS.osce}Place`, `${NS.schema}Place`, `${NS.schema}City`], name);
    if (iso) add(p, `${NS.schema}containedInPlace`, iris.entity('country', iso));
  }
  for (const name of FIELDS.split('|')) {
    const f = iris.entity('field', slugify(name));
    named(f, [`${NS.osce}FieldOfWork`, `${NS.skos}Concept`], name);
    add(f, `${NS.skos}prefLabel`, literal(name, 'en'));
    add(f, `${NS.skos}inScheme`, iris.entity('scheme', 'fields-of-work'));
  }
  for (const name of CONTENT_TYPES) {
    const c = iris.entity('content-type', slugify(name));
    add(c, `${NS.skos}prefLabel`, literal(name, 'en'));
    add(c, `${NS.skos}inScheme`, iris.entity('scheme', 'content-types'));
  }
  addStructures(iris, osce, add, named);
  return out;
}

type Add = (s: string, p: string, o: string | ReturnType<typeof literal>) => void;
type Named = (s: string, types: string[], name: string) => void;

function addStructures(iris: Iris, osce: string, add: Add, named: Named): void {
  const unit = [`${NS.org}OrganizationalUnit`, `${NS.schema}GovernmentOrganization`];
  for (const entry of STRUCTURES.split(';')) {
    const [name = '', abbr = '', parent = '', seat = ''] = entry.split('|');
    const s = iris.entity('structure', slugify(name));
    const up = parent ? iris.entity('structure', parent) : osce;
    named(s, [...unit, `${NS.osce}Structure`], name);
    if (abbr) add(s, `${NS.osce}abbreviation`, DataFactory.literal(abbr));
    add(s, `${NS.org}unitOf`, up);
    add(s, `${NS.schema}parentOrganization`, up);
    add(s, `${NS.osce}seat`, iris.entity('place', slugify(seat)));
  }
  for (const entry of OPERATIONS.split(';')) {
    const [name = '', host = '', hq = ''] = entry.split('|');
    const s = iris.entity('field-operation', slugify(name));
    named(s, [...unit, `${NS.osce}FieldOperation`], `OSCE ${name}`);
    add(s, `${NS.org}unitOf`, osce);
    add(s, `${NS.schema}parentOrganization`, osce);
    add(s, `${NS.osce}hostState`, host ? iris.entity('country', host) : iris.entity('territory', 'kosovo'));
    add(s, `${NS.osce}headquarters`, iris.entity('place', slugify(hq)));
  }
}
