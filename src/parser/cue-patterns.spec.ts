import { CueSet } from './cue-patterns';

describe('CueSet', () => {
  const cues = new CueSet([/\b(memory leaks?)\b/, /\bload[- ]tests?\b/, /\b(alerts?|monitor(ing)?)\b/]);

  it('finds the lowest-numbered pattern present, wherever it stands in the text', () => {
    expect(cues.firstPattern('add alerts, then load tests, then fix the memory leak')).toBe(0);
    expect(cues.firstPattern('add monitoring and a load-test')).toBe(1);
    expect(cues.firstPattern('nothing relevant here')).toBe(-1);
  });

  it('lists every cue left to right with its pattern and position, only at word starts', () => {
    expect([...cues.matches('alerts on memory leaks; realerts are not cues')]).toEqual([
      { pattern: 2, index: 0, text: 'alerts' },
      { pattern: 0, index: 10, text: 'memory leaks' },
    ]);
  });

  it('refuses a pattern that could start inside a word', () => {
    expect(() => new CueSet([/leak/])).toThrow(/word boundary/);
  });
});
