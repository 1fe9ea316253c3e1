/**
 * Many cue patterns matched as one. Each pattern becomes a capture group of one sticky regex that is tried
 * only where a word starts: every cue begins at a word boundary, and trying a large alternation at every
 * character costs several times more. Callers pass lower-case text.
 */
export class CueSet {
  private readonly combined: RegExp;
  private readonly wordStart = /\b\w/g;

  constructor(patterns: RegExp[]) {
    for (const pattern of patterns) {
      if (!pattern.source.startsWith('\\b')) throw new Error(`A cue must start at a word boundary: /${pattern.source}/`);
    }
    // Inner groups become non-capturing, so a match's one defined group names its pattern.
    this.combined = new RegExp(patterns.map((pattern) => `(${pattern.source.replace(/(?<!\\)\((?!\?)/g, '(?:')})`).join('|'), 'y');
  }

  /** Each cue in the text, left to right, without overlaps: the pattern's index, where it starts, what it matched. */
  *matches(text: string): Generator<{ pattern: number; index: number; text: string }> {
    this.wordStart.lastIndex = 0;
    for (let start = this.wordStart.exec(text); start; start = this.wordStart.exec(text)) {
      const match = this.matchAt(text, start.index);
      if (!match) continue;
      this.wordStart.lastIndex = Math.max(this.wordStart.lastIndex, match.index + match[0].length);
      yield { pattern: patternOf(match), index: match.index, text: match[0] };
    }
  }

  /** The lowest index of the patterns found anywhere in the text, or -1. */
  firstPattern(text: string): number {
    let best = Number.MAX_SAFE_INTEGER;
    this.wordStart.lastIndex = 0;
    for (let start = this.wordStart.exec(text); start && best > 0; start = this.wordStart.exec(text)) {
      const match = this.matchAt(text, start.index);
      if (match) best = Math.min(best, patternOf(match));
    }
    return best === Number.MAX_SAFE_INTEGER ? -1 : best;
  }

  private matchAt(text: string, index: number): RegExpExecArray | null {
    this.combined.lastIndex = index;
    return this.combined.exec(text);
  }
}

function patternOf(match: RegExpExecArray): number {
  let group = 0;
  while (match[group + 1] === undefined) group++;
  return group;
}
