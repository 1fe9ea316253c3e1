/** A hand-built review input (Berlin, 2 teams, 3 incidents, 10 items with histories) shared by the builder specs. */
import type { ReviewItem } from '../../src/reviews/review';
import type { HistoryEvent, ReviewInput, SourceIncident, SourceItem, SourceRootCause } from '../../src/reviews/review-input';

// Everything happens in Berlin, on summer time (+02:00): 2024-W25 runs from 2024-06-16T22:00Z to 2024-06-23T21:59:59.999Z.
export const ZONE = 'Europe/Berlin';
export const NOW = '2024-07-03T10:00:00.000Z'; // Wednesday of 2024-W27
export const W25_START = '2024-06-16T22:00:00.000Z';
export const W25_END = '2024-06-23T21:59:59.999Z';

export const at = (iso: string) => new Date(iso);
export const msBefore = (iso: string) => new Date(Date.parse(iso) - 1);
export const event = (iso: string, field: string, from: string | null, to: string | null): HistoryEvent => ({ field, from, to, at: at(iso) });
export const iso = (instant: string) => new Date(instant).toISOString();

export function item(fields: Partial<SourceItem> & Pick<SourceItem, 'id' | 'title' | 'incidentId' | 'status' | 'createdAt'>): SourceItem {
  return { description: null, serviceId: null, measureId: null, dueOn: null, ownerId: null, completedAt: null, removedFromSourceAt: null, jiraKey: null, jiraUrl: null, events: [], ...fields };
}

export function incident(fields: Partial<SourceIncident> & Pick<SourceIncident, 'id' | 'title' | 'createdAt'>): SourceIncident {
  return { startedAt: null, severity: null, impact: null, durationMinutes: null, serviceId: null, rootCauseSummary: null, ...fields };
}

/**
 * Two teams (Payments owns checkout, Platform the database), two people, a legacy service nobody owns; three
 * incidents, the first two with the same root cause; ten items, each row as it is today with the history behind it.
 */
export function sources(): ReviewInput {
  const incidents: SourceIncident[] = [
    incident({
      id: 'inc-a',
      title: 'Checkout outage',
      startedAt: at('2024-05-20T10:00:00Z'),
      createdAt: at('2024-05-21T09:00:00Z'),
      severity: 'SEV1',
      impact: 'Checkout failed for 40% of users',
      durationMinutes: 95,
      serviceId: 'svc-checkout',
      rootCauseSummary: 'The connection pool ran dry',
    }),
    incident({
      id: 'inc-b',
      title: 'Checkout outage again',
      startedAt: at('2024-06-18T14:00:00Z'),
      createdAt: at('2024-06-19T08:00:00Z'),
      severity: 'SEV2',
      impact: 'Slow checkout, errors for 10%',
      durationMinutes: 40,
      serviceId: 'svc-checkout',
    }),
    incident({
      id: 'inc-c',
      title: 'Slow database failover',
      startedAt: at('2024-06-20T03:00:00Z'),
      createdAt: at('2024-06-20T12:00:00Z'),
      severity: 'SEV3',
      serviceId: 'svc-db',
      rootCauseSummary: 'Failover took 9 minutes because the replica lagged',
    }),
  ];
  const items: SourceItem[] = [
    item({
      id: 'i1',
      title: 'Add circuit breaker to checkout',
      incidentId: 'inc-a',
      serviceId: 'svc-checkout',
      measureId: 'm-breaker',
      status: 'OPEN',
      dueOn: '2024-06-07',
      ownerId: 'team-payments',
      createdAt: at('2024-05-22T10:00:00Z'),
      jiraKey: 'PAY-101',
      jiraUrl: 'https://acme.atlassian.net/browse/PAY-101',
    }),
    item({
      id: 'i2',
      title: 'Add circuit breaker to checkout',
      incidentId: 'inc-b',
      serviceId: 'svc-checkout',
      measureId: 'm-breaker',
      status: 'OPEN',
      dueOn: '2024-07-03',
      ownerId: 'alice',
      createdAt: at('2024-06-19T09:00:00Z'),
    }),
    item({
      id: 'i3',
      title: 'Load test checkout at twice the peak',
      incidentId: 'inc-a',
      serviceId: 'svc-checkout',
      status: 'DONE',
      dueOn: '2024-06-14',
      ownerId: 'bob',
      createdAt: at('2024-05-22T10:05:00Z'),
      completedAt: at('2024-06-05T12:00:00Z'),
      events: [
        event('2024-05-30T08:00:00Z', 'status', 'OPEN', 'IN_PROGRESS'),
        event('2024-06-05T12:00:00Z', 'status', 'IN_PROGRESS', 'DONE'),
        event('2024-06-05T12:00:00Z', 'completedAt', null, iso('2024-06-05T12:00:00Z')),
      ],
    }),
    item({ id: 'i4', title: 'Document the DB failover runbook', incidentId: 'inc-c', serviceId: 'svc-db', status: 'OPEN', dueOn: '2024-06-21', createdAt: at('2024-06-20T13:00:00Z') }),
    item({
      id: 'i5',
      title: 'Alert on checkout retry storms',
      incidentId: 'inc-a',
      serviceId: 'svc-legacy',
      status: 'BLOCKED',
      dueOn: '2024-06-16',
      ownerId: 'bob',
      createdAt: at('2024-05-23T08:00:00Z'),
      events: [event('2024-06-03T09:00:00Z', 'dueOn', '2024-06-01', '2024-06-16'), event('2024-06-10T09:00:00Z', 'status', 'OPEN', 'BLOCKED')],
    }),
    item({ id: 'i6', title: 'Remove the legacy retry loop', incidentId: 'inc-a', serviceId: 'svc-legacy', status: 'OPEN', dueOn: '2024-06-15', createdAt: at('2024-05-23T08:05:00Z') }),
    item({
      id: 'i7',
      title: 'Tune the connection pool of the primary',
      incidentId: 'inc-c',
      serviceId: 'svc-db',
      status: 'OPEN',
      dueOn: '2024-06-23',
      ownerId: 'team-platform',
      createdAt: at('2024-06-20T13:05:00Z'),
    }),
    item({
      id: 'i8',
      title: 'Add an alert on the checkout error budget',
      incidentId: 'inc-b',
      serviceId: 'svc-checkout',
      status: 'DONE',
      dueOn: '2024-06-21',
      ownerId: 'team-payments',
      createdAt: at('2024-06-19T09:05:00Z'),
      // 23:30 UTC on its due date is already 01:30 the next day in Berlin: late.
      completedAt: at('2024-06-21T23:30:00Z'),
      jiraKey: 'PAY-102',
      jiraUrl: 'https://acme.atlassian.net/browse/PAY-102',
      events: [event('2024-06-21T23:30:00Z', 'status', 'OPEN', 'DONE'), event('2024-06-21T23:30:00Z', 'completedAt', null, iso('2024-06-21T23:30:00Z'))],
    }),
    item({ id: 'i9', title: 'Deploy checkout through canaries', incidentId: 'inc-b', serviceId: 'svc-checkout', status: 'OPEN', dueOn: '2024-06-24', ownerId: 'alice', createdAt: at('2024-06-19T09:10:00Z') }),
    // No service of its own: the team comes from its incident's service.
    item({
      id: 'i10',
      title: 'Rewrite checkout in Rust',
      incidentId: 'inc-a',
      status: 'WONT_DO',
      dueOn: '2024-06-10',
      createdAt: at('2024-05-22T10:10:00Z'),
      events: [event('2024-06-18T09:00:00Z', 'status', 'OPEN', 'WONT_DO')],
    }),
  ];
  const rootCauses: SourceRootCause[] = [{ id: 'rc-1', failureMode: 'connection-pool-exhaustion', serviceName: 'checkout', incidentIds: ['inc-a', 'inc-b'] }];
  return {
    week: '2024-W25',
    now: at(NOW),
    timeZone: ZONE,
    staleAfterDays: 14,
    dueSoonDays: 7,
    team: null,
    items,
    incidents,
    rootCauses,
    owners: new Map([
      ['team-payments', { name: 'Payments', isTeam: true }],
      ['team-platform', { name: 'Platform', isTeam: true }],
      ['alice', { name: 'Alice Moreau', isTeam: false }],
      ['bob', { name: 'Bob Lindqvist', isTeam: false }],
    ]),
    serviceTeams: new Map<string, string | null>([
      ['svc-checkout', 'team-payments'],
      ['svc-db', 'team-platform'],
      ['svc-legacy', null],
    ]),
  };
}

export const PAYMENTS = { id: 'team-payments', name: 'Payments' };
export const PLATFORM = { id: 'team-platform', name: 'Platform' };

/** The items as they stood at the end of 2024-W25 (Sunday 2024-06-23 in Berlin). */
export const W25: Record<string, ReviewItem> = {
  i1: { id: 'i1', title: 'Add circuit breaker to checkout', status: 'OPEN', dueOn: '2024-06-07', daysOverdue: 16, ownerName: 'Payments', teamName: 'Payments', incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: 'PAY-101', jiraUrl: 'https://acme.atlassian.net/browse/PAY-101' },
  i2: { id: 'i2', title: 'Add circuit breaker to checkout', status: 'OPEN', dueOn: '2024-07-03', daysOverdue: 0, ownerName: 'Alice Moreau', teamName: 'Payments', incidentId: 'inc-b', incidentTitle: 'Checkout outage again', jiraKey: null, jiraUrl: null },
  i3: { id: 'i3', title: 'Load test checkout at twice the peak', status: 'DONE', dueOn: '2024-06-14', daysOverdue: 0, ownerName: 'Bob Lindqvist', teamName: 'Payments', incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: null, jiraUrl: null },
  i4: { id: 'i4', title: 'Document the DB failover runbook', status: 'OPEN', dueOn: '2024-06-21', daysOverdue: 2, ownerName: null, teamName: 'Platform', incidentId: 'inc-c', incidentTitle: 'Slow database failover', jiraKey: null, jiraUrl: null },
  i5: { id: 'i5', title: 'Alert on checkout retry storms', status: 'BLOCKED', dueOn: '2024-06-16', daysOverdue: 7, ownerName: 'Bob Lindqvist', teamName: null, incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: null, jiraUrl: null },
  i6: { id: 'i6', title: 'Remove the legacy retry loop', status: 'OPEN', dueOn: '2024-06-15', daysOverdue: 8, ownerName: null, teamName: null, incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: null, jiraUrl: null },
  i7: { id: 'i7', title: 'Tune the connection pool of the primary', status: 'OPEN', dueOn: '2024-06-23', daysOverdue: 0, ownerName: 'Platform', teamName: 'Platform', incidentId: 'inc-c', incidentTitle: 'Slow database failover', jiraKey: null, jiraUrl: null },
  i8: { id: 'i8', title: 'Add an alert on the checkout error budget', status: 'DONE', dueOn: '2024-06-21', daysOverdue: 0, ownerName: 'Payments', teamName: 'Payments', incidentId: 'inc-b', incidentTitle: 'Checkout outage again', jiraKey: 'PAY-102', jiraUrl: 'https://acme.atlassian.net/browse/PAY-102' },
  i9: { id: 'i9', title: 'Deploy checkout through canaries', status: 'OPEN', dueOn: '2024-06-24', daysOverdue: 0, ownerName: 'Alice Moreau', teamName: 'Payments', incidentId: 'inc-b', incidentTitle: 'Checkout outage again', jiraKey: null, jiraUrl: null },
  i10: { id: 'i10', title: 'Rewrite checkout in Rust', status: 'WONT_DO', dueOn: '2024-06-10', daysOverdue: 0, ownerName: null, teamName: 'Payments', incidentId: 'inc-a', incidentTitle: 'Checkout outage', jiraKey: null, jiraUrl: null },
};

/** W14 … W25: nothing until the first incident's items in W21; the Monday of each week. */
export const TREND_MONDAYS = ['2024-04-01', '2024-04-08', '2024-04-15', '2024-04-22', '2024-04-29', '2024-05-06', '2024-05-13', '2024-05-20', '2024-05-27', '2024-06-03', '2024-06-10', '2024-06-17'];
export const trend = (opened: number[], completed: number[], openOverdue: number[]) =>
  TREND_MONDAYS.map((startsOn, index) => ({ week: `2024-W${14 + index}`, startsOn, opened: opened[index], completed: completed[index], openOverdue: openOverdue[index] }));

export const recurredWhileOpen = (entry: ReviewItem) => ({
  item: entry,
  code: 'RECURRED_WHILE_OPEN',
  reason: 'Its root cause recurred in «Checkout outage again» (2024-06-18) while this item was still open.',
  evidence: [{ incidentId: 'inc-b', incidentTitle: 'Checkout outage again', actionItemId: null, on: '2024-06-18', note: 'same root cause, started while this item was still open' }],
});

export const W25_BROKEN_PROMISES = [
  {
    item: W25.i2,
    code: 'PROMISED_AGAIN',
    reason: 'The same measure was promised after «Checkout outage» (2024-05-20) and never done.',
    evidence: [{ incidentId: 'inc-a', incidentTitle: 'Checkout outage', actionItemId: 'i1', on: '2024-05-20', note: 'still OPEN' }],
  },
  recurredWhileOpen(W25.i1),
  recurredWhileOpen(W25.i5),
  recurredWhileOpen(W25.i6),
  {
    item: W25.i3,
    code: 'INEFFECTIVE',
    reason: 'It was done on 2024-06-05, yet its root cause recurred in «Checkout outage again» (2024-06-18): check whether the fix works.',
    evidence: [{ incidentId: 'inc-b', incidentTitle: 'Checkout outage again', actionItemId: null, on: '2024-06-18', note: 'same root cause, started after this item was done' }],
  },
];
