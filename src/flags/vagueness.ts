/**
 * Is a measure's wording checkable? A measure is VAGUE when it names no concrete, checkable outcome:
 *
 * (a) it is only a label of at most 3 words ("Code review", "Better monitoring"), or
 * (b) its wording is only an intention — improve, enhance, better, review, look into, investigate,
 *     (re)consider, strengthen, revisit, explore, ensure / make sure, evaluate, assess, optimise, refine, rethink —
 *
 * and, in both cases, it is not made concrete by any of:
 * - a number, threshold, percentage or date (any digit, "%", a spelled-out number, a month or weekday name);
 * - a deliverable noun: something that exists or not once the work is done (an alert, a dashboard, a test,
 *   a runbook, a limit, a timeout, a canary, a script, an SLO, a lint rule, a template, …);
 * - a change verb whose completion is itself checkable (upgrade, migrate, rotate, pin, patch, revert, roll back,
 *   replace, remove, disable, …).
 *
 * Wording with none of the intention words and more than 3 words is never called vague: the rule only catches
 * the two shapes above. It is a heuristic on words, so "test" the verb counts like "test" the noun.
 */
export function vaguenessOf(text: string): string | null {
  const words = text.match(WORD) ?? [];
  if (words.length === 0) return `It has no wording at all, so nothing is checkable: ${ASK}`;
  if (isConcrete(text)) return null;
  if (words.length <= MAX_LABEL_WORDS) return `"${words.join(' ')}" is only a label and names nothing checkable: ${ASK}`;
  const intentions = intentionWordsIn(text);
  if (intentions.length === 0) return null;
  return `It says "${intentions.join(' … ')}" but names nothing checkable: ${ASK}`;
}

const ASK = 'add the deliverable (an alert, a test, a limit …) or a number to verify.';
const MAX_LABEL_WORDS = 3;
/** How many distinct intention words a reason quotes. */
const MAX_QUOTED = 3;

const WORD = /[\p{L}\p{N}][\p{L}\p{N}'’_-]*/gu;

const INTENTION = new RegExp(
  '\\b(?:' +
    [
      'improv(?:e|es|ed|ing|ements?)',
      'enhanc(?:e|es|ed|ing|ements?)',
      'better',
      'review(?:s|ed|ing)?',
      'look(?:s|ed|ing)?\\s+into',
      'investigat(?:e|es|ed|ing|ions?)',
      '(?:re)?consider(?:s|ed|ing|ations?)?',
      'strengthen(?:s|ed|ing)?',
      'revisit(?:s|ed|ing)?',
      'explor(?:e|es|ed|ing|ations?)',
      'ensur(?:e|es|ed|ing)',
      'make\\s+sure',
      'evaluat(?:e|es|ed|ing|ions?)',
      'assess(?:es|ed|ing|ments?)?',
      'optimi[sz](?:e|es|ed|ing|ations?)',
      'refin(?:e|es|ed|ing|ements?)',
      'rethink(?:s|ing)?',
    ].join('|') +
    ')\\b',
  'gi',
);

/** A number, threshold, percentage or date. */
const MEASURABLE = new RegExp(
  '\\d|%|\\b(?:' +
    [
      'two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|fifteen|twenty|thirty|forty|fifty|sixty|ninety|hundred|thousand|million',
      'half|twice|double|percent|per\\s+cent',
      'january|february|march|april|june|july|august|september|october|november|december',
      'monday|tuesday|wednesday|thursday|friday|saturday|sunday',
    ].join('|') +
    ')\\b',
  'i',
);

/** Things that exist or not once the work is done. */
const DELIVERABLE = new RegExp(
  '\\b(?:' +
    [
      'alerts?|alarms?|pages?|pager|dashboards?|tests?|runbooks?|playbooks?|checklists?|templates?',
      'limits?|timeouts?|thresholds?|quotas?|budgets?|canary|canaries|rollbacks?|failover|backups?|replicas?|autoscalers?',
      'scripts?|pipelines?|jobs?|cron(?:jobs?)?|hooks?|gates?|lint|linters?|checks|health[\\s-]?checks?|probes?',
      'retry|retries|backoff|circuit[\\s-]?breakers?|feature[\\s-]?flags?|kill[\\s-]?switch(?:es)?|index|indexes|indices',
      'SLOs?|SLIs?|SLAs?|metrics?',
    ].join('|') +
    ')\\b',
  'i',
);

/** Changes whose completion can be checked whatever their object. */
const CHECKABLE_CHANGE = new RegExp(
  '\\b(?:' +
    [
      'upgrad(?:e|es|ed|ing)|downgrad(?:e|es|ed|ing)|migrat(?:e|es|ed|ing)|rotat(?:e|es|ed|ing)',
      'pin(?:s|ned|ning)?|patch(?:es|ed|ing)?|revert(?:s|ed|ing)?|roll(?:s|ed|ing)?\\s+back',
      'replac(?:e|es|ed|ing)|remov(?:e|es|ed|ing)|delet(?:e|es|ed|ing)|disabl(?:e|es|ed|ing)|renam(?:e|es|ed|ing)',
    ].join('|') +
    ')\\b',
  'i',
);

function isConcrete(text: string): boolean {
  return MEASURABLE.test(text) || DELIVERABLE.test(text) || CHECKABLE_CHANGE.test(text);
}

/** The intention words in order of first appearance, lower-cased, each once. */
function intentionWordsIn(text: string): string[] {
  const found: string[] = [];
  for (const match of text.matchAll(INTENTION)) {
    const word = match[0].toLowerCase().replace(/\s+/g, ' ');
    if (!found.includes(word)) found.push(word);
  }
  return found.slice(0, MAX_QUOTED);
}
