// The dashboard's reads from the GraphQL API: the review of one week, and the teams for the selector.

const ITEM = 'id title status dueOn daysOverdue ownerName teamName incidentId incidentTitle jiraKey jiraUrl';

const REVIEW_QUERY = `query DashboardReview($week: String, $team: ID) {
  reliabilityReview(week: $week, team: $team) {
    week startsOn endsOn asOf timeZone team { id name }
    created { id }
    completed { id }
    dueNextWeek { ${ITEM} }
    totals { open overdue aging { label minDays maxDays count } }
    completion { windowWeeks closed closedOnTime onTimeRate }
    trend { week startsOn opened completed openOverdue }
    recurringRootCauses { id label failureMode serviceName incidentCount lastSeenAt openItems { ${ITEM} } }
    brokenPromises { code reason item { ${ITEM} } evidence { incidentTitle on note } }
    scorecards { teamId teamName open overdue createdThisWeek completedThisWeek onTimeRate brokenPromises }
    markdown
  }
  incidents(first: 1) { totalCount }
}`;

const TEAMS_QUERY = `query DashboardTeams($after: String) {
  owners(first: 100, after: $after) { nodes { id name kind } pageInfo { hasNextPage endCursor } }
}`;

export class ApiError extends Error {}

async function gql(query, variables) {
  const response = await fetch('/graphql', {
    method: 'POST',
    // The actor header names this page in the server's logs and audit trail.
    headers: { 'content-type': 'application/json', accept: 'application/json', 'x-actor': 'dashboard' },
    body: JSON.stringify({ query, variables }),
  });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without a GraphQL body.`);
  }
  if (body.errors?.length) throw new ApiError(body.errors.map((error) => error.message).join(' '));
  if (!response.ok) throw new ApiError(`The server answered ${response.status} ${response.statusText}.`);
  return body.data;
}

export async function loadReview(week, team) {
  return gql(REVIEW_QUERY, { week, team });
}

/** Every team, by name; owners are paged 100 at a time and hold people too. */
export async function loadTeams() {
  const teams = [];
  let after = null;
  for (let page = 0; page < 50; page++) {
    const { owners } = await gql(TEAMS_QUERY, { after });
    teams.push(...owners.nodes.filter((owner) => owner.kind === 'TEAM'));
    if (!owners.pageInfo.hasNextPage) break;
    after = owners.pageInfo.endCursor;
  }
  return teams.sort((a, b) => a.name.localeCompare(b.name));
}
