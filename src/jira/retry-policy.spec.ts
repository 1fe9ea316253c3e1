import { JiraRequestError } from './jira-request-error';
import { isTransient, parseRetryAfter, retryDelayMs, type RetryPolicy } from './retry-policy';

describe('isTransient', () => {
  it.each([null, 408, 409, 425, 429, 500, 502, 503, 504, 599])('retries %p', (status) => {
    expect(isTransient(new JiraRequestError('failed', status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 407, 410, 413, 422, 426, 499])('gives up on %p', (status) => {
    expect(isTransient(new JiraRequestError('failed', status))).toBe(false);
  });
});

describe('retryDelayMs', () => {
  const policy: RetryPolicy = { maxAttempts: 8, baseMs: 2_000, maxMs: 60_000 };
  const always = (value: number) => () => value;
  const NEARLY_ONE = 1 - 1e-9;

  it('waits what Retry-After asked for, plus a jitter of at most a quarter of the base', () => {
    expect(retryDelayMs(3, 5_000, policy, always(0))).toBe(5_000);
    expect(retryDelayMs(3, 5_000, policy, always(0.5))).toBe(5_250);
    expect(retryDelayMs(3, 5_000, policy, always(NEARLY_ONE))).toBeCloseTo(5_500, 3);
    expect(retryDelayMs(3, 0, policy, always(0.5))).toBe(250);
  });

  it('caps the Retry-After jitter at one second', () => {
    expect(retryDelayMs(1, 5_000, { ...policy, baseMs: 40_000 }, always(0.5))).toBe(5_500);
  });

  it('honours a Retry-After longer than maxMs', () => {
    expect(retryDelayMs(1, 120_000, policy, always(0))).toBe(120_000);
  });

  it.each([
    [0, 2_000],
    [1, 2_000],
    [2, 4_000],
    [3, 8_000],
    [5, 32_000],
    [6, 60_000],
    [40, 60_000],
    [5_000, 60_000],
  ])('without Retry-After, attempt %i backs off within [ceiling/2, ceiling] for a ceiling of %i', (attempt, ceiling) => {
    expect(retryDelayMs(attempt, null, policy, always(0))).toBe(ceiling / 2);
    expect(retryDelayMs(attempt, null, policy, always(0.5))).toBe(ceiling * 0.75);
    const top = retryDelayMs(attempt, null, policy, always(NEARLY_ONE));
    expect(top).toBeLessThanOrEqual(ceiling);
    expect(top).toBeGreaterThan(ceiling - 1);
  });
});

describe('parseRetryAfter', () => {
  const now = new Date('2026-11-21T08:00:00.000Z');

  it.each([
    ['120', 120_000],
    [' 7 ', 7_000],
    ['0', 0],
    ['1.5', 1_500],
  ])('reads seconds: %p → %i ms', (header, ms) => {
    expect(parseRetryAfter(header, now)).toBe(ms);
  });

  it('reads an HTTP date as the time until then', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 08:00:30 GMT', now)).toBe(30_000);
    expect(parseRetryAfter('Sat, 21 Nov 2026 09:00:00 GMT', now)).toBe(3_600_000);
  });

  it('reads a date already past, or negative seconds, as no wait', () => {
    expect(parseRetryAfter('Sat, 21 Nov 2026 07:59:00 GMT', now)).toBe(0);
    expect(parseRetryAfter('-3', now)).toBe(0);
  });

  it.each([null, '', 'soon', 'in a minute', 'Infinity', 'later 5', 'abc 1'])('reads %p as no answer', (header) => {
    expect(parseRetryAfter(header, now)).toBeNull();
  });
});
