/**
 * Many cue patterns matched as one. Each pattern becomes a capture group of one regex whose matches may only
 * begin where a word starts: every cue begins at a word boundary. Callers pass lower-case text.
 */
export class CueSet {
  private readonly combined: RegExp;

  constructor(patterns: RegExp[]) {
    for (const pattern of patterns) {
      if (!pattern.source.startsWith('\\b')) throw new Error(`A cue must start at a word boundary: /${pattern.source}/`);
    }
    // Inner groups become non-capturing, so a match's one defined group names its pattern. The leading
    // "\b(?=\w)" lets the regex engine skip to word starts itself, which is cheaper than finding them first
    // and trying the alternation at each one.
    const alternatives = patterns.map((pattern) => `(${pattern.source.replace(/(?<!\\)\((?!\?)/g, '(?:')})`).join('|');
    this.combined = new RegExp(`\\b(?=\\w)(?:${alternatives})`, 'g');
  }

  /** Each cue in the text, left to right, without overlaps: the pattern's index, where it starts, what it matched. */
  matches(text: string): { pattern: number; index: number; text: string }[] {
    const cues = [];
    this.combined.lastIndex = 0;
    for (let match = this.combined.exec(text); match; match = this.combined.exec(text)) {
      cues.push({ pattern: patternOf(match), index: match.index, text: match[0] });
    }
    return cues;
  }

  /** The lowest index of the patterns found anywhere in the text, or -1. */
  firstPattern(text: string): number {
    let best = Number.MAX_SAFE_INTEGER;
    this.combined.lastIndex = 0;
    for (let match = this.combined.exec(text); match && best > 0; match = this.combined.exec(text)) {
      best = Math.min(best, patternOf(match));
      // Cues may overlap: a lower-numbered one can start inside this match.
      this.combined.lastIndex = match.index + 1;
    }
    return best === Number.MAX_SAFE_INTEGER ? -1 : best;
  }
}

function patternOf(match: RegExpExecArray): number {
  let group = 0;
  while (match[group + 1] === undefined) group++;
  return group;
}
