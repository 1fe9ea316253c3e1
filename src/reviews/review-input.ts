/** What the review is built from: plain rows, loaded by the reviews service. */
export interface ReviewInput {
  week: string;
  now: Date;
  timeZone: string;
  staleAfterDays: number;
  dueSoonDays: number;
  team: { id: string; name: string } | null;
  items: SourceItem[];
  incidents: SourceIncident[];
  rootCauses: SourceRootCause[];
  owners: ReadonlyMap<string, { name: string; isTeam: boolean }>;
  /** Service id → the team that owns it. */
  serviceTeams: ReadonlyMap<string, string | null>;
}

/** One change of the audit history: the field (as the entity names it), its old and new values, when. */
export interface HistoryEvent {
  field: string;
  from: string | null;
  to: string | null;
  at: Date;
}

export interface SourceItem {
  id: string;
  title: string;
  description: string | null;
  incidentId: string;
  serviceId: string | null;
  measureId: string | null;
  status: string;
  dueOn: string | null;
  ownerId: string | null;
  createdAt: Date;
  completedAt: Date | null;
  removedFromSourceAt: Date | null;
  jiraKey: string | null;
  jiraUrl: string | null;
  /** Oldest first. */
  events: HistoryEvent[];
}

export interface SourceIncident {
  id: string;
  title: string;
  startedAt: Date | null;
  createdAt: Date;
  severity: string | null;
  impact: string | null;
  durationMinutes: number | null;
  serviceId: string | null;
  rootCauseSummary: string | null;
}

export interface SourceRootCause {
  id: string;
  failureMode: string;
  serviceName: string;
  /** Incidents linked to it (links people rejected are left out). */
  incidentIds: string[];
}
