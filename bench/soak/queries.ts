/** The GraphQL documents the soak sends: what the dashboard, scripts and people ask, with nested fields. */

const ITEM_FIELDS = `id title status version priority dueOn isOverdue kind category ownerOrigin dueOrigin createdAt updatedAt
  owner { id name kind } service { id name } incident { id title severity }
  flags { code reason evidence { note incidentId actionItemId } }
  measure { id title occurrenceCount isEverCompleted }
  source { section lineStart lineEnd postmortem { id revision } }
  history { field from to actor at }
  jira { state issueId issueKey attempts error }`;

export const ACTION_ITEMS = `query Items($first: Int!, $after: String, $filter: ActionItemFilter, $orderBy: ActionItemOrder) {
  actionItems(first: $first, after: $after, filter: $filter, orderBy: $orderBy) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes { ${ITEM_FIELDS} }
  }
}`;

export const ACTION_ITEM = `query Item($id: ID!) { actionItem(id: $id) { ${ITEM_FIELDS} incident { rootCause { failureMode component } unfinishedMeasures { id title status } } } }`;

export const ITEM_VERSION = `query Version($id: ID!) { actionItem(id: $id) { id version status jira { issueId } } }`;

export const INCIDENTS = `query Incidents($first: Int!, $after: String, $filter: IncidentFilter) {
  incidents(first: $first, after: $after, filter: $filter) {
    totalCount
    pageInfo { hasNextPage endCursor }
    nodes {
      id title severity startedAt endedAt durationMinutes impactPercent summary
      rootCause { summary component failureMode }
      service { id name owningTeam { name } }
      postmortems { id revision importedAt sourceUri }
      actionItems { id title status version dueOn isOverdue owner { name } }
      rootCauseLinks { id status confidence rootCause { id failureMode } }
      relatedIncidents { reason incident { id title } }
    }
  }
}`;

export const INCIDENT = `query Incident($id: ID!) {
  incident(id: $id) {
    id title impact resolution
    unfinishedMeasures { id title status dueOn incident { title } }
    postmortems { revision sha256 text }
    actionItems { id status version flags { code } }
  }
}`;

export const ROOT_CAUSES = `query RootCauses($filter: RootCauseFilter) {
  rootCauses(filter: $filter) {
    id failureMode incidentCount recurrenceCount firstSeenAt lastSeenAt explanation
    service { id name }
    incidents { id title startedAt }
    openItems { id title status dueOn owner { name } }
    links { id status confidence evidence }
  }
  failureModes { failureMode incidentCount }
}`;

export const MEASURES = `query Measures($filter: MeasureFilter) {
  measures(filter: $filter) {
    id title category subject occurrenceCount incidentCount isEverCompleted
    occurrences { id title status incident { id title } }
  }
}`;

export const REVIEW = `query Review($week: String) {
  reliabilityReview(week: $week) {
    week startsOn endsOn asOf timeZone markdown
    totals { open overdue aging { label count } }
    completion { closed closedOnTime onTimeRate medianDaysToClose p90DaysToClose }
    incidents { id title severity rootCause }
    created { id title status teamName }
    completed { id title }
    newlyOverdue { id title daysOverdue ownerName }
    dueNextWeek { id title dueOn }
    recurringRootCauses { id label incidentCount openItems { id title } }
    brokenPromises { code reason item { id title } evidence { note } }
    scorecards { teamName open overdue onTimeRate brokenPromises }
    trend { week opened completed openOverdue }
  }
}`;

export const SYNC_STATUS = `{ jiraSyncStatus { enabled pending synced failed deleted warnings lastReconciledAt } owners(first: 50) { totalCount nodes { id name kind } } services(first: 50) { totalCount nodes { id name aliases owningTeam { name } } } }`;

export const IMPORT = `mutation Import($input: ImportPostmortemInput!) {
  importPostmortem(input: $input) {
    outcome
    changes { created updated removed unchanged }
    warnings { code message }
    incident { id title rootCause { failureMode } }
    postmortem { id revision }
    actionItems { id status version flags { code } }
  }
}`;

export const UPDATE = `mutation Update($input: UpdateActionItemInput!) { updateActionItem(input: $input) { id version status priority dueOn history { field } } }`;

export const TRANSITION = `mutation Transition($id: ID!, $to: ActionItemStatus!, $reason: String, $evidenceUrl: String, $version: Int) {
  transitionActionItem(id: $id, to: $to, reason: $reason, evidenceUrl: $evidenceUrl, version: $version) { id version status completedAt }
}`;
