/**
 * Table-driven announced events: name (without the article or the duration), start and end dates, in the page
 * languages; meetings that only ended, or have no name beyond their kind, are not announced.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { findEvent } from '../../src/ingest/event.js';

type Facts = [name: string, start: string, end: string | undefined] | null;

const CASES: [what: string, today: string, paragraphs: string[], expected: Facts][] = [
  ['French: a duration "de cinq jours" gives the end and is not part of the name', '2017-10-03',
    ['Un cours de cinq jours sur la détection des précurseurs chimiques, organisé par le Centre, s\'est ouvert aujourd\'hui.'],
    ['cours sur la détection des précurseurs chimiques', '2017-10-03', '2017-10-07']],
  ['"au cours de" is not a course', '2017-10-03',
    ['Au cours de la réunion qui s\'est ouverte aujourd\'hui, les experts ont parlé.'], null],
  ['Macedonian: opened today, two-day', '2023-10-12',
    ['Дводневната Регионална конференција за безбедноста на новинарите започна денеска во Охрид.'],
    ['Регионална конференција за безбедноста на новинарите', '2023-10-12', '2023-10-13']],
  ['Serbian: the verb after the name ends it', '2015-06-09',
    ['Dvodnevna Regionalna konferencija o saradnji tužilaštava počela je danas u Beogradu.'],
    ['Regionalna konferencija o saradnji tužilaštava', '2015-06-09', '2015-06-10']],
  ['Ukrainian: a two-day seminar', '2018-12-05',
    ['Дводенний Міжнародний семінар з протидії торгівлі людьми розпочався сьогодні в Києві.'],
    ['Міжнародний семінар з протидії торгівлі людьми', '2018-12-05', '2018-12-06']],
  ['opened today, with a duration', '2013-05-14',
    ['The two-day OSCE Expert Meeting on Teaching against Intolerance opened today in Vienna, bringing together teachers.'],
    ['OSCE Expert Meeting on Teaching against Intolerance', '2013-05-14', '2013-05-15']],
  ['will take place on two days', '2019-11-06',
    ['The OSCE Conference on Youth and Security will take place on 9 and 10 November 2019 in the Hofburg in Vienna.'],
    ['OSCE Conference on Youth and Security', '2019-11-09', '2019-11-10']],
  ['from … to …', '2023-10-02',
    ['The OSCE Roma and Sinti Youth Conference will take place from 12 to 13 October 2023 at the Hotel Mercure in Warsaw.'],
    ['OSCE Roma and Sinti Youth Conference', '2023-10-12', '2023-10-13']],
  ['the object of "began", a two-week course', '2021-03-04',
    ['Twenty border officers began a two-week course on risk analysis at the border today, organized by the Programme Office.'],
    ['course on risk analysis at the border', '2021-03-04', '2021-03-17']],
  ['met today at a round table', '2001-06-12',
    ['Officials met in Almaty today at a round table on the shared use of water resources, organized by the OSCE Centre.'],
    ['round table on the shared use of water resources', '2001-06-12', undefined]],
  ['a proper name later on the page wins over a description', '2017-06-28',
    ['The OSCE Secretary General opened a conference on preventing violent extremism in Vienna today.',
      'The two-day OSCE Counter-Terrorism Conference gathers some 300 participants.'],
    ['OSCE Counter-Terrorism Conference', '2017-06-28', '2017-06-29']],
  ['continues tomorrow', '2025-03-05',
    ['The heads of field operations met today.', 'The annual meeting of the heads of field operations continues tomorrow.'],
    ['annual meeting of the heads of field operations', '2025-03-05', '2025-03-06']],
  ['Russian, duration adjective dropped', '2019-10-24',
    ['Двухдневная Конференция ОБСЕ по укреплению доверия в киберпространстве открылась сегодня в Вене.'],
    ['Конференция ОБСЕ по укреплению доверия в киберпространстве', '2019-10-24', '2019-10-25']],
  ['German participle after the name', '2011-10-24',
    ['Vertreterinnen und Vertreter aus 20 Gemeinden haben heute an einer Konferenz über Bürgerbeteiligung teilgenommen.'],
    ['Konferenz über Bürgerbeteiligung', '2011-10-24', undefined]],
  ['Italian, the name after the verb', '2018-10-24',
    ['Si è aperta oggi a Palermo la Conferenza OSCE sulla sicurezza nel Mediterraneo, organizzata dalla Presidenza italiana.'],
    ['Conferenza OSCE sulla sicurezza nel Mediterraneo', '2018-10-24', undefined]],
  ['Albanian duration after the kind', '2016-05-17',
    ['Njëzet gazetarë filluan sot një trajnim dyditor për raportimin e balancuar të zgjedhjeve.'],
    ['trajnim për raportimin e balancuar të zgjedhjeve', '2016-05-17', '2016-05-18']],
  ['a meeting that ended is reported, not announced', '2005-02-02',
    ['Some 60 members took part in a two-day training seminar on the amended Electoral Code, which ended in Yerevan today.'], null],
  ['a meeting with no name beyond its kind', '2019-06-18',
    ['Representatives of both sides met today at a meeting under the auspices of the Mission.'], null],
  ['a meeting before the page date', '2016-05-17',
    ['A conference on media freedom took place on 3 May 2016 in Tirana.'], null],
  ['the year is part of the name; until a weekday', '2022-10-03',
    ['The 2022 OSCE Mediterranean Conference opened today in Valletta and runs until Wednesday.'],
    ['2022 OSCE Mediterranean Conference', '2022-10-03', '2022-10-05']],
  ['French: d\'experts, les … et …', '2016-04-01',
    ["La Réunion d'experts sur la justice pour mineurs se tiendra les 11 et 12 avril 2016 à Vienne."],
    ["Réunion d'experts sur la justice pour mineurs", '2016-04-11', '2016-04-12']],
  ['German day numbers do not end the sentence: vom … bis …', '2016-04-01',
    ['Die Konferenz über Jugend und Sicherheit findet vom 14. bis 15. April in Wien statt.'],
    ['Konferenz über Jugend und Sicherheit', '2016-04-14', '2016-04-15']],
  ['Serbian: genitive words before the subject, održaće se', '2021-05-02',
    ['Seminar mladih novinara o izveštavanju održaće se 10. i 11. maja u Nišu.'],
    ['Seminar mladih novinara o izveštavanju', '2021-05-10', '2021-05-11']],
  ['Ukrainian: began today, lasts until a date', '2020-03-02',
    ['Тренінг для прокурорів з розслідування катувань розпочався сьогодні в Одесі й триватиме до 5 березня.'],
    ['Тренінг для прокурорів з розслідування катувань', '2020-03-02', '2020-03-05']],
];

for (const [what, today, paragraphs, expected] of CASES) {
  test(`event: ${what}`, () => {
    const e = findEvent(paragraphs, today);
    assert.deepEqual(e ? [e.name, e.startDate, e.endDate] : null, expected);
  });
}
