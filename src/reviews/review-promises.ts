import type { ActionItemStatus } from '../action-items/action-item-enums';
import { flagsFor, type FlagContext, type IncidentFact, type ItemRecurrence } from '../flags/action-item-flags';
import type { BrokenPromise } from './review';
import type { SourceIncident, SourceRootCause } from './review-input';
import type { ItemAt, Snapshot } from './review-snapshot';

const BROKEN: readonly string[] = ['PROMISED_AGAIN', 'RECURRED_WHILE_OPEN', 'INEFFECTIVE'];

const factOf = (incident: SourceIncident): IncidentFact => ({ id: incident.id, title: incident.title, startedAt: incident.startedAt, createdAt: incident.createdAt });

/**
 * The promises broken as of the snapshot: the same flag rules as the API, fed only with what was known then
 * (incidents recorded by then, the other occurrences as they stood then). Yields after each item (see reviewSteps).
 */
export function* brokenPromiseSteps(
  snapshot: Snapshot,
  shown: readonly ItemAt[],
  incidents: ReadonlyMap<string, SourceIncident>,
  rootCauses: readonly SourceRootCause[],
  context: FlagContext,
): Generator<void, BrokenPromise[], void> {
  const known = (incident: SourceIncident) => incident.createdAt <= snapshot.instant;
  const byMeasure = new Map<string, ItemAt[]>();
  for (const entry of snapshot.entries) {
    if (entry.item.measureId) byMeasure.set(entry.item.measureId, [...(byMeasure.get(entry.item.measureId) ?? []), entry]);
  }
  const causesOf = new Map<string, Set<string>>();
  for (const cause of rootCauses) {
    for (const id of cause.incidentIds) for (const other of cause.incidentIds) if (other !== id) causesOf.set(id, (causesOf.get(id) ?? new Set()).add(other));
  }

  const promises: BrokenPromise[] = [];
  for (const entry of shown) {
    yield;
    const recurrence: ItemRecurrence = {
      incident: factOf(entry.incident),
      sameMeasure: (entry.item.measureId ? (byMeasure.get(entry.item.measureId) ?? []) : [])
        .filter((other) => other.item.id !== entry.item.id)
        .map((other) => ({ itemId: other.item.id, status: other.state.status as ActionItemStatus, completedAt: other.state.completedAt, incident: factOf(other.incident) })),
      sameRootCause: [...(causesOf.get(entry.incident.id) ?? [])]
        .map((id) => incidents.get(id))
        .filter((incident): incident is SourceIncident => incident !== undefined && known(incident))
        .map(factOf),
    };
    const flaggable = { ...entry.state, id: entry.item.id, description: entry.item.description, status: entry.state.status as ActionItemStatus, createdAt: entry.item.createdAt };
    for (const flag of flagsFor(flaggable, recurrence, context)) {
      if (BROKEN.includes(flag.code)) promises.push({ item: snapshot.reviewItem(entry), code: flag.code as BrokenPromise['code'], reason: flag.reason, evidence: flag.evidence });
    }
  }
  return promises.sort((a, b) => BROKEN.indexOf(a.code) - BROKEN.indexOf(b.code) || a.item.incidentTitle.localeCompare(b.item.incidentTitle) || a.item.title.localeCompare(b.item.title) || a.item.id.localeCompare(b.item.id));
}
