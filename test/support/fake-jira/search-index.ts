/**
 * The search index, which lags behind the issue store (contract §8): each write is indexed as a snapshot
 * that becomes visible after `lagMs` of real time. GET issue reads the store, so it is always current.
 * Snapshots are whole issues, so a lagging search both matches and returns the old state, as a stale index would.
 */
import { deepCopy } from './format';
import type { IssueRecord } from './records';

interface Version {
  visibleAt: number;
  state: IssueRecord;
}

export class SearchIndex {
  private readonly versions = new Map<string, Version[]>();

  constructor(
    private lagMs: number,
    private readonly current: (id: string) => IssueRecord | undefined,
  ) {}

  setLag(ms: number): void {
    this.lagMs = ms;
  }

  /** Records a write (including a delete, as a snapshot with `deleted: true`). */
  write(issue: IssueRecord): void {
    const list = this.versions.get(issue.id) ?? [];
    list.push({ visibleAt: performance.now() + this.lagMs, state: deepCopy(issue) });
    this.versions.set(issue.id, list);
  }

  /** Every issue as search sees it now: the last visible snapshot, or the current state for reconciled ids. */
  visible(reconcileIds: ReadonlySet<string>): IssueRecord[] {
    const now = performance.now();
    const result: IssueRecord[] = [];
    for (const [id, list] of this.versions) {
      let state: IssueRecord | undefined;
      if (reconcileIds.has(id)) state = this.current(id);
      else {
        const seen = list.filter((v) => v.visibleAt <= now);
        if (seen.length > 1) list.splice(0, seen.length - 1); // older snapshots can never be seen again
        state = seen.at(-1)?.state;
      }
      if (state && !state.deleted) result.push(state);
    }
    return result;
  }

  /** Makes every write visible at once. */
  flush(): void {
    for (const list of this.versions.values()) for (const v of list) v.visibleAt = 0;
  }
}
