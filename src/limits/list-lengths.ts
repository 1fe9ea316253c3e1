/** How many rows an unpaged list is counted at: per parent object, and at most in all, whatever the parents. */
export interface ListLength {
  perParent: number;
  /** For a list that splits its rows among its parents (each item has one measure): there are no more than this. */
  inAll?: number;
}

// The reference deployment, the 100k-item bench corpus (`npm run bench`) rounded up: 20k incidents, 100k items,
// 300k audit events, 1,500 root causes, 2,000 measures.
const INCIDENTS = 20_000;
const ITEMS = 100_000;
const EVENTS = 300_000;
const ROOT_CAUSES = 1_500;

/**
 * Every list of objects in the schema outside connections (src/limits/query-cost.spec.ts checks that none is
 * missing), at what it holds in the reference deployment: about its 99th percentile per parent there, or the
 * bound the code sets. The review's lists are one week of a large organisation.
 */
export const LIST_LENGTHS: Readonly<Record<string, ListLength>> = {
  'Query.rootCauses': { perParent: ROOT_CAUSES }, // 1,428
  'Query.measures': { perParent: 2_000 }, // 1,595
  'Query.failureModes': { perParent: 15 }, // one per failure mode
  'Query.apiTokens': { perParent: 100 },
  'Incident.actionItems': { perParent: 25, inAll: ITEMS }, // 3–10 per postmortem; one may list up to 1,000
  'Incident.postmortems': { perParent: 10, inAll: INCIDENTS }, // revisions: at most 2
  'Incident.relatedIncidents': { perParent: 200 }, // the other incidents of its root cause: p99 129, most 665
  'Incident.rootCauseLinks': { perParent: 5, inAll: INCIDENTS }, // 1
  'Incident.unfinishedMeasures': { perParent: 400 }, // open items of its root cause's incidents: p99 388, most 1,928
  'ActionItem.history': { perParent: 50, inAll: EVENTS }, // at most 7; long-lived items gather more
  'ActionItem.flags': { perParent: 10 }, // one per flag code
  'Flag.evidence': { perParent: 50 }, // incidents of the item's root cause
  'RootCause.incidents': { perParent: 200, inAll: INCIDENTS }, // p99 129, most 665
  'RootCause.links': { perParent: 200, inAll: INCIDENTS },
  'RootCause.openItems': { perParent: 400, inAll: ITEMS }, // p99 388, most 1,928
  'FailureModeGroup.incidents': { perParent: 2_500, inAll: INCIDENTS }, // most 2,378
  'FailureModeGroup.rootCauses': { perParent: 200, inAll: ROOT_CAUSES }, // most 165
  'Measure.occurrences': { perParent: 1_000, inAll: ITEMS }, // p99 974, most 5,180
  'ImportPostmortemPayload.actionItems': { perParent: 25 },
  'ImportPostmortemPayload.warnings': { perParent: 20 },
  'PostmortemPreview.actionItems': { perParent: 25 },
  'PostmortemPreview.timeline': { perParent: 50 },
  'PostmortemPreview.warnings': { perParent: 20 },
  'ReliabilityReview.incidents': { perParent: 100 },
  'ReliabilityReview.created': { perParent: 500 },
  'ReliabilityReview.completed': { perParent: 500 },
  'ReliabilityReview.newlyOverdue': { perParent: 500 },
  'ReliabilityReview.dueNextWeek': { perParent: 500 },
  'ReliabilityReview.brokenPromises': { perParent: 500 },
  'ReliabilityReview.recurringRootCauses': { perParent: 10 }, // the top 10
  'ReliabilityReview.scorecards': { perParent: 50 }, // teams: 40
  'ReliabilityReview.trend': { perParent: 12 }, // TREND_WEEKS
  'ReviewRootCause.openItems': { perParent: 100 },
  'ReviewTotals.aging': { perParent: 8 },
  'BrokenPromise.evidence': { perParent: 10 },
};
