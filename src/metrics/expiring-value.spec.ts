import { ExpiringValue } from './expiring-value';

describe('ExpiringValue', () => {
  let now: number;
  let computed: number;
  const counter = (ttlMs: number, compute = () => Promise.resolve(++computed)) => new ExpiringValue(ttlMs, () => now, compute);

  beforeEach(() => {
    now = 1_000_000;
    computed = 0;
  });

  it('reuses the value until the time to live has passed', async () => {
    const value = counter(60_000);
    expect([await value.get(), await value.get()]).toEqual([1, 1]);
    now += 59_999;
    expect(await value.get()).toBe(1);
    now += 1;
    expect(await value.get()).toBe(2);
  });

  it('shares a computation still running between callers', async () => {
    const value = counter(60_000);
    expect(await Promise.all([value.get(), value.get(), value.get()])).toEqual([1, 1, 1]);
  });

  it('computes on every call with a time to live of 0', async () => {
    const value = counter(0);
    expect([await value.get(), await value.get()]).toEqual([1, 2]);
  });

  it('recomputes when the clock went back', async () => {
    const value = counter(60_000);
    await value.get();
    now -= 1;
    expect(await value.get()).toBe(2);
  });

  it('does not keep a failure', async () => {
    let fail = true;
    const value = counter(60_000, () => (fail ? Promise.reject(new Error('database down')) : Promise.resolve(++computed)));
    await expect(value.get()).rejects.toThrow('database down');
    fail = false;
    expect(await value.get()).toBe(1);
  });
});
