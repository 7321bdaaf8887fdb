/**
 * The timeline on an entity's HTML page: releases per year mentioning a State, published by a structure or field
 * operation (with every unit under it), about a field of work, or quoting a person; from the statistics.
 */
import type { Kind } from '../model/ns.js';
import type { StatsService } from '../stats/service.js';
import { statsQueryString } from '../stats/request.js';
import type { StatsFilters, StatsRequest } from '../stats/types.js';
import { yearChart } from './chart.js';
import type { Fragment } from './layout.js';

const FILTER_OF: Partial<Record<Kind, [keyof StatsFilters, string]>> = {
  country: ['state', 'Releases mentioning it, per year'],
  structure: ['publisher', 'Releases it or a unit under it published, per year'],
  'field-operation': ['publisher', 'Releases it published, per year'],
  organization: ['publisher', 'Releases per year'],
  field: ['field', 'Releases about it, per year'],
  person: ['speaker', 'Releases quoting this person, per year'],
};

/** Whether the page of an entity of this kind draws a timeline (its content then comes from the statistics too). */
export const hasTimeline = (kind: Kind): boolean => FILTER_OF[kind] !== undefined;

/** The chart of one entity and the statistics' version it was drawn from, or undefined for kinds without one. */
export async function entityTimeline(stats: StatsService | undefined, kind: Kind, entity: string): Promise<{ chart: Fragment; version: number } | undefined> {
  const filter = FILTER_OF[kind];
  if (!stats || !filter) return undefined;
  const req: StatsRequest = { by: ['year'], filters: { [filter[0]]: entity } };
  const { rows, version } = await stats.answerAt(req);
  return { chart: yearChart(rows, { id: 'timeline', title: filter[1], csvHref: `/api/stats?${statsQueryString(req)}&format=csv` }), version };
}
