/**
 * Table-driven quotation attribution: speaker name, role and affiliation from the usual press-release patterns.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { referenceIndex } from '../../src/ingest/index.js';
import { findQuotes } from '../../src/ingest/quotes.js';

const BASE = 'http://localhost:8080/';
const id = (iri: string | undefined) => iri?.slice(`${BASE}id/`.length);

type Who = [name: string | undefined, role: string | undefined, affiliation: string | undefined] | null;

const CASES: [paragraphs: string[], expected: Who[]][] = [
  [['"We need trust between police and communities," said Andrzej Mirga, Senior Adviser on Roma and Sinti Issues at the ODIHR.'],
    [['Andrzej Mirga', 'Senior Adviser on Roma and Sinti Issues', 'structure/odihr']]],
  [['"Judges need this training today," Jan Novak, Head of the OSCE Mission to Serbia, said.'],
    [['Jan Novak', 'Head', 'field-operation/mission-to-serbia']]],
  [['"Dialogue is the only way forward," said the Head of the OSCE Mission to Serbia, Ambassador Jan Novak.'],
    [['Jan Novak', 'Head', 'field-operation/mission-to-serbia']]],
  [['"Dialogue is the only way forward," said Ambassador Anna Berg, OSCE Secretary General.'],
    [['Anna Berg', 'OSCE Secretary General', 'structure/secretary-general']]],
  [['"Dialogue is the only way forward," said OSCE Secretary General Anna Berg.'],
    [['Anna Berg', 'OSCE Secretary General', 'structure/secretary-general']]],
  [['ODIHR Director Jan Novak said: "Elections must be free and fair for everyone."'],
    [['Jan Novak', 'ODIHR Director', 'structure/odihr']]],
  [['"The monitors are safe and well", according to Anna Berg, Chief of the Strategic Police Matters Unit.'],
    [['Anna Berg', 'Chief', 'structure/strategic-police-matters-unit']]],
  [['"We are deeply concerned about this," said Jan Novak.', '"We call on all sides to show restraint now."'],
    [['Jan Novak', undefined, undefined], ['Jan Novak', undefined, undefined]]],
  [['"We welcome the agreement of all the parties," said Anna Berg, Spokesperson of the OSCE.'],
    [['Anna Berg', 'Spokesperson of the OSCE', undefined]]],
  [['"Only dialogue can bring a lasting solution," the Chairman-in-Office said.'], []],
  [['The report titled "Police and Roma: Good Practices in Building Trust" was published today.'], []],
];

for (const [paragraphs, expected] of CASES) {
  test(`attributes ${JSON.stringify(paragraphs[0]?.slice(0, 60))}…`, () => {
    const quotes = findQuotes(paragraphs, referenceIndex(BASE));
    assert.deepEqual(quotes.map((q) => [q.speaker?.name, q.speaker?.role, id(q.speaker?.affiliation)]), expected);
  });
}
