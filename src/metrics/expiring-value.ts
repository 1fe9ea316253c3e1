/**
 * A computed value reused for `ttlMs`: callers within that time share one computation, even one still running.
 * A failed computation is not kept, so the next call tries again. A clock that went back (a test, a corrected
 * system clock) also recomputes.
 */
export class ExpiringValue<T> {
  private current: { computedAt: number; value: Promise<T> } | null = null;

  constructor(
    private readonly ttlMs: number,
    private readonly nowMs: () => number,
    private readonly compute: () => Promise<T>,
  ) {}

  get(): Promise<T> {
    const now = this.nowMs();
    const current = this.current;
    if (current && now >= current.computedAt && now - current.computedAt < this.ttlMs) return current.value;
    const value = this.compute();
    this.current = { computedAt: now, value };
    value.catch(() => {
      if (this.current?.value === value) this.current = null;
    });
    return value;
  }
}
