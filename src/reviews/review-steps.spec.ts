import { runInSlices } from '../common/run-in-slices';
import { at, incident, item, sources } from '../../test/support/review-sources';
import { buildReview, reviewSteps, TREND_WEEKS } from './review-builder';
import type { ReviewInput } from './review-input';

/** Passes the steps through, counting them. */
function* counted<T>(steps: Generator<void, T, void>, count: { steps: number }): Generator<void, T, void> {
  for (;;) {
    const step = steps.next();
    if (step.done) return step.value;
    count.steps++;
    yield;
  }
}

/** 3,000 open items of one measure over 300 incidents of one root cause: every item is a promise broken again. */
function large(): ReviewInput {
  const incidents = Array.from({ length: 300 }, (_, index) =>
    incident({ id: `inc-${index}`, title: `Checkout outage ${index}`, startedAt: at('2024-06-18T10:00:00Z'), createdAt: at('2024-06-18T12:00:00Z'), serviceId: 'svc-checkout' }),
  );
  const items = Array.from({ length: 3_000 }, (_, index) =>
    item({ id: `item-${index}`, title: 'Add a circuit breaker', incidentId: `inc-${index % 300}`, measureId: 'm-breaker', status: 'OPEN', dueOn: '2024-06-20', createdAt: at('2024-06-18T13:00:00Z') }),
  );
  return { ...sources(), items, incidents, rootCauses: [{ id: 'rc', failureMode: 'memory-leak', serviceName: 'checkout', incidentIds: incidents.map((entry) => entry.id) }] };
}

describe('reviewSteps', () => {
  it('is buildReview a step at a time: the same review, with steps between', async () => {
    const count = { steps: 0 };
    expect(await runInSlices(counted(reviewSteps(sources()), count))).toEqual(buildReview(sources()));
    expect(count.steps).toBeGreaterThan(TREND_WEEKS);
  });

  it('stops a large review at the next step once its client has gone, long before its end', async () => {
    const count = { steps: 0 };
    const controller = new AbortController();
    let stepsAtAbort = -1;
    setTimeout(() => {
      stepsAtAbort = count.steps;
      controller.abort(new Error('client gone'));
    }, 100);
    await expect(runInSlices(counted(reviewSteps(large()), count), controller.signal)).rejects.toThrow('client gone');
    expect(count.steps).toBe(stepsAtAbort);
    expect(stepsAtAbort).toBeLessThan(3_000); // one step per item in the broken promises alone
  });
});
