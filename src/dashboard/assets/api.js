// The dashboard's reads from the GraphQL API: the review of one week, and the teams for the selector. Each takes
// the API token to read with, so a token typed into the sign-in form is tried before it is kept.

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

/** An answer from the server that is not the data: `code` is the first error's `extensions.code`, if any. */
export class ApiError extends Error {
  constructor(message, code = null) {
    super(message);
    this.code = code;
  }
}

// A refused token or role wins over whatever else failed: it is what the page must act on.
const AUTH_CODES = ['UNAUTHENTICATED', 'FORBIDDEN'];
const STATUS_CODES = { 401: 'UNAUTHENTICATED', 403: 'FORBIDDEN' };

function refusal(errors, response) {
  const codes = errors.map((error) => error.extensions?.code ?? null);
  const code = AUTH_CODES.find((candidate) => codes.includes(candidate)) ?? STATUS_CODES[response.status] ?? codes.find(Boolean) ?? null;
  // One message per refusal: every field of a query may fail with the same one.
  const messages = new Set(errors.filter((error, index) => !AUTH_CODES.includes(code) || codes[index] === code).map((error) => error.message));
  return new ApiError([...messages].join(' '), code);
}

async function gql(query, variables, token) {
  const headers = { 'content-type': 'application/json', accept: 'application/json' };
  // The server names the actor after the token, so no X-Actor header; no token at all gets UNAUTHENTICATED.
  if (token) headers.authorization = `Bearer ${token}`;
  const response = await fetch('/graphql', { method: 'POST', headers, body: JSON.stringify({ query, variables }) });
  let body;
  try {
    body = await response.json();
  } catch {
    throw new ApiError(`The server answered ${response.status} ${response.statusText} without a GraphQL body.`, STATUS_CODES[response.status] ?? null);
  }
  if (body?.errors?.length) throw refusal(body.errors, response);
  if (!response.ok) throw new ApiError(`The server answered ${response.status} ${response.statusText}.`, STATUS_CODES[response.status] ?? null);
  return body.data;
}

export async function loadReview(week, team, token) {
  return gql(REVIEW_QUERY, { week, team }, token);
}

/** Every team, by name; owners are paged 100 at a time and hold people too. */
export async function loadTeams(token) {
  const teams = [];
  let after = null;
  for (let page = 0; page < 50; page++) {
    const { owners } = await gql(TEAMS_QUERY, { after }, token);
    teams.push(...owners.nodes.filter((owner) => owner.kind === 'TEAM'));
    if (!owners.pageInfo.hasNextPage) break;
    after = owners.pageInfo.endCursor;
  }
  return teams.sort((a, b) => a.name.localeCompare(b.name));
}
