import { ACTIVE_STATUSES, type ActionItemStatus } from '../action-items/action-item-enums';
import { calendarDateIn, daysBetween } from '../common/calendar';
import { itemStateAt, type ItemState } from './item-timeline';
import type { ReviewItem } from './review';
import type { ReviewInput, SourceIncident, SourceItem } from './review-input';

/** One item as it stood at an instant, with the team that answered for it then. */
export interface ItemAt {
  item: SourceItem;
  state: ItemState;
  incident: SourceIncident;
  teamId: string | null;
}

/** Every item that existed at `instant`, as it was then. */
export class Snapshot {
  readonly entries: ItemAt[];
  /** The calendar day (in the review's zone) that "today" was at the instant. */
  readonly day: string;

  constructor(
    private readonly input: ReviewInput,
    readonly instant: Date,
    incidents: ReadonlyMap<string, SourceIncident>,
  ) {
    this.day = calendarDateIn(instant, input.timeZone);
    this.entries = [];
    for (const item of input.items) {
      const state = itemStateAt(item, instant);
      const incident = incidents.get(item.incidentId);
      if (state && incident) this.entries.push({ item, state, incident, teamId: this.teamOf(state, incident) });
    }
  }

  isActive(entry: ItemAt): boolean {
    return ACTIVE_STATUSES.includes(entry.state.status as ActionItemStatus);
  }

  /** Still to do and past its due date: an item due today is not overdue yet. */
  isOverdue(entry: ItemAt): boolean {
    return this.isActive(entry) && entry.state.dueOn !== null && entry.state.dueOn < this.day;
  }

  daysOverdue(entry: ItemAt): number {
    return this.isOverdue(entry) ? daysBetween(entry.state.dueOn as string, this.day) : 0;
  }

  reviewItem(entry: ItemAt): ReviewItem {
    const owner = entry.state.ownerId ? this.input.owners.get(entry.state.ownerId) : undefined;
    return {
      id: entry.item.id,
      title: entry.state.title,
      status: entry.state.status,
      dueOn: entry.state.dueOn,
      daysOverdue: this.daysOverdue(entry),
      ownerName: owner?.name ?? null,
      teamName: entry.teamId ? (this.input.owners.get(entry.teamId)?.name ?? null) : null,
      incidentId: entry.incident.id,
      incidentTitle: entry.incident.title,
      jiraKey: entry.item.jiraKey,
      jiraUrl: entry.item.jiraUrl,
    };
  }

  /** The owner if it is a team, else the team owning the item's service (or its incident's). */
  private teamOf(state: ItemState, incident: SourceIncident): string | null {
    const owner = state.ownerId ? this.input.owners.get(state.ownerId) : undefined;
    if (owner?.isTeam) return state.ownerId;
    const serviceId = state.serviceId ?? incident.serviceId;
    return serviceId ? (this.input.serviceTeams.get(serviceId) ?? null) : null;
  }
}
