/**
 * A strict reader of Prometheus' text exposition format (version 0.0.4): enough to hold /metrics to the rules
 * promtool checks, and to read sample values in specs.
 */
export interface Sample {
  name: string;
  labels: Record<string, string>;
  value: number;
  line: number;
}

export interface Family {
  name: string;
  help: string | null;
  type: string | null;
}

export interface Exposition {
  samples: Sample[];
  families: Map<string, Family>;
  /** Rule violations, each naming its line; empty for a well-formed exposition. */
  problems: string[];
}

export const METRIC_NAME = /^[a-zA-Z_:][a-zA-Z0-9_:]*$/;
export const LABEL_NAME = /^[a-zA-Z_][a-zA-Z0-9_]*$/;
const FLOAT = /^(?:[+-]?(?:\d+(?:\.\d*)?|\.\d+)(?:[eE][+-]?\d+)?|[+-]?Inf|NaN)$/;
const TYPES = new Set(['counter', 'gauge', 'histogram', 'summary', 'untyped']);

export function parseExposition(text: string): Exposition {
  const exposition: Exposition = { samples: [], families: new Map(), problems: [] };
  const problem = (line: number, message: string) => exposition.problems.push(`line ${line}: ${message}`);
  const sampled = new Set<string>();
  let current: string | null = null;
  text.split('\n').forEach((raw, index) => {
    const line = index + 1;
    if (raw.trim() === '') return;
    const meta = /^# (HELP|TYPE) (\S*)(?: (.*))?$/.exec(raw);
    if (meta) {
      const [, keyword, name, rest = ''] = meta;
      if (!METRIC_NAME.test(name)) return problem(line, `bad metric name "${name}" in # ${keyword}`);
      const family = exposition.families.get(name) ?? { name, help: null, type: null };
      exposition.families.set(name, family);
      if (sampled.has(name)) problem(line, `# ${keyword} ${name} comes after its samples`);
      if (keyword === 'HELP') {
        if (family.help !== null) problem(line, `second # HELP for ${name}`);
        if (/\\[^\\n]/.test(rest.replace(/\\\\/g, ''))) problem(line, `bad escape in # HELP ${name}`);
        family.help = rest;
      } else {
        if (family.type !== null) problem(line, `second # TYPE for ${name}`);
        if (!TYPES.has(rest)) problem(line, `unknown type "${rest}" for ${name}`);
        family.type = rest;
      }
      current = name;
      return;
    }
    if (raw.startsWith('#')) return;
    const sample = readSample(raw, line, problem);
    if (!sample) return;
    const family = familyOf(sample.name, exposition.families);
    if (!family) return problem(line, `sample ${sample.name} has no # TYPE line before it`);
    if (family.help === null) problem(line, `sample ${sample.name} has no # HELP line before it`);
    if (family.name !== current) problem(line, `sample ${sample.name} is not grouped with the other samples of ${family.name}`);
    sampled.add(family.name);
    exposition.samples.push(sample);
  });
  return exposition;
}

/** The family a sample belongs to: its own name, or a histogram's or summary's name before _bucket, _sum or _count. */
export function familyOf(sampleName: string, families: Map<string, Family>): Family | null {
  const own = families.get(sampleName);
  if (own?.type) return own;
  const base = /^(.*)_(bucket|sum|count)$/.exec(sampleName);
  const parent = base ? families.get(base[1]) : undefined;
  if (parent && (parent.type === 'histogram' || (parent.type === 'summary' && base![2] !== 'bucket'))) return parent;
  return null;
}

function readSample(raw: string, line: number, problem: (line: number, message: string) => void): Sample | null {
  const head = /^([^\s{]*)/.exec(raw)![1];
  if (head === '') return (problem(line, 'a sample with a blank metric name'), null);
  if (!METRIC_NAME.test(head)) return (problem(line, `bad metric name "${head}"`), null);
  let position = head.length;
  const labels: Record<string, string> = {};
  if (raw[position] === '{') {
    position += 1;
    while (raw[position] !== '}') {
      const pair = /^\s*([^=\s]*)\s*="/.exec(raw.slice(position));
      if (!pair) return (problem(line, `unreadable labels in ${head}`), null);
      const labelName = pair[1];
      if (!LABEL_NAME.test(labelName) || labelName.startsWith('__')) problem(line, `bad label name "${labelName}" in ${head}`);
      if (labelName in labels) problem(line, `label ${labelName} twice in ${head}`);
      position += pair[0].length;
      let value = '';
      for (; position < raw.length && raw[position] !== '"'; position++) {
        if (raw[position] !== '\\') {
          value += raw[position];
          continue;
        }
        const escaped = raw[++position];
        if (escaped === '\\' || escaped === '"') value += escaped;
        else if (escaped === 'n') value += '\n';
        else problem(line, `bad escape \\${escaped} in label ${labelName} of ${head}`);
      }
      if (raw[position] !== '"') return (problem(line, `unterminated value of label ${labelName} in ${head}`), null);
      labels[labelName] = value;
      position += 1;
      if (raw[position] === ',') position += 1;
      else if (raw[position] !== '}') return (problem(line, `expected , or } after label ${labelName} in ${head}`), null);
    }
    position += 1;
  }
  const [valueText, timestamp, ...extra] = raw.slice(position).trim().split(/\s+/);
  if (!valueText || !FLOAT.test(valueText)) return (problem(line, `value "${valueText ?? ''}" of ${head} is not a float`), null);
  if (extra.length > 0 || (timestamp !== undefined && !/^-?\d+$/.test(timestamp))) problem(line, `unexpected text after the value of ${head}`);
  return { name: head, labels, value: valueText.endsWith('Inf') ? (valueText.startsWith('-') ? -Infinity : Infinity) : Number(valueText), line };
}
