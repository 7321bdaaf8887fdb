/** Table-driven language detection over short release texts in the languages the OSCE sites publish in. */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { detectLanguage } from '../../src/ingest/language.js';

const CASES: [text: string, language: string][] = [
  ['The OSCE Mission to Skopje today supported a training course for journalists on the coverage of elections.', 'en'],
  ["La Représentante de l'OSCE pour la liberté des médias a salué aujourd'hui la libération du journaliste.", 'fr'],
  ['Der Amtierende Vorsitzende der OSZE hat heute in Berlin alle Seiten aufgerufen, die Gespräche fortzusetzen.', 'de'],
  ["Si è aperta oggi a Palermo la Conferenza OSCE sulla sicurezza nel Mediterraneo, organizzata dalla Presidenza.", 'it'],
  ['El Presidente en ejercicio de la OSCE presentó hoy en Madrid las prioridades de la Presidencia española.', 'es'],
  ['Сорок представителей гражданского общества сегодня завершили тренинг по наблюдению за выборами.', 'ru'],
  ['Тридцять суддів адміністративних судів з усієї України сьогодні завершили дводенний семінар.', 'uk'],
  ['Okrugli sto o bezbednosti novinara, koji je organizovala Misija OEBS u Srbiji, održava se danas u Beogradu.', 'sr'],
  ['Тридесет средњошколаца из Прешева завршило је програм медијске писмености који је подржала Мисија.', 'sr'],
  ['Претставници на советите на млади од 20 општини во Северна Македонија денес ги претставија своите предлози.', 'mk'],
  ['Njëzet gazetarë nga media lokale në të gjithë Shqipërinë filluan sot një trajnim për raportimin e zgjedhjeve.', 'sq'],
];

for (const [text, language] of CASES) {
  test(`language ${language}: ${text.slice(0, 40)}…`, () => assert.equal(detectLanguage(text), language));
}

test('a text with no scoring word is English unless the layout says otherwise; the layout breaks ties', () => {
  assert.equal(detectLanguage('OSCE 2016'), 'en');
  assert.equal(detectLanguage('Vienna', ['de']), 'en');
});
