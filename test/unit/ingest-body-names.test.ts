/**
 * A body or building named with its city in French, Italian or Spanish ("le Congrès de Liège", "il Consiglio di
 * Trento", "la Asamblea de Murcia") is never a person (kind M27), while a person named beside it still is.
 */
import { test } from 'node:test';
import assert from 'node:assert/strict';
import { buildRelease, referenceIndex } from '../../src/ingest/index.js';

const index = referenceIndex('http://localhost:8080/');
const persons = (page: string) => buildRelease(page, index, { format: 'text', now: new Date('2026-01-01T00:00:00Z') }).record.persons.map((p) => p.name);

test('French, Italian and Spanish bodies with their city are no persons', () => {
  assert.deepEqual(persons("Communiqué de presse\nDes jeunes à Namur\nNAMUR, 2 octobre 2019 – Selon le Congrès de Namur, plus de cent jeunes sont attendus au séminaire.\nLe Palais de Namur accueillera aussi une exposition, a indiqué Claire Dumont, directrice du Palais.\n"), ['Claire Dumont']);
  assert.deepEqual(persons('Comunicato stampa\nGiovani a Trento\nTRENTO, 2 ottobre 2019 – Secondo il Consiglio di Trento, più di cento giovani parteciperanno al seminario.\n'), []);
  assert.deepEqual(persons('Comunicado de prensa\nJóvenes en Murcia\nMURCIA, 2 de octubre de 2019 – Según la Asamblea de Murcia, más de cien jóvenes participarán en el seminario.\n«Es un buen comienzo», dijo Lucía Romero, directora del seminario.\n'), ['Lucía Romero']);
});
