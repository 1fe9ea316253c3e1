import { wordCount } from '../parser/text-similarity';

/**
 * General SRE vocabulary: cue patterns (matched on lower-case text, whole words) → subject key.
 * Resources and mechanisms an incident measure is usually about. Bare "traffic" and "load" are left out on
 * purpose: nearly every incident mentions them, so they would lump unrelated measures together.
 */
const RESOURCE_SUBJECTS: [string, RegExp][] = [
  ['memory', /\b(memory|heap|ram|oom|out of memory|(?<!data |credential |secret |information )leak(s|ed|ing)?|garbage collect\w*)\b/],
  ['cpu', /\bcpus?\b/],
  ['disk', /\b(disks?|storage|(?<!traffic |request |message |call |data )volumes?|inodes?|file ?systems?)\b/],
  ['network', /\b(network\w*|bandwidth|packet loss|load balanc\w*)\b/],
  ['latency', /\b(latency|latencies|response times?|p9\d)\b/],
  ['error-rate', /\b(error rates?|5xx|5\d\d errors?)\b/],
  ['connections', /\bconnections?\b/],
  ['queue', /\b(queues?|queueing|queuing|backlogs?)\b/],
  ['cache', /\b(cache[sd]?|caching)\b/],
  ['certificate', /\b(certificates?|certs?|tls|ssl)\b/],
  ['dns', /\b(dns|nameservers?)\b/],
  ['database', /\b(databases?|dbs?|quer(y|ies)|index(es)?|indices|migrations?|schemas?|replication)\b/],
  ['configuration', /\b(config\w*|settings?|feature flags?)\b/],
  ['deployment', /\b(deploy\w*|rollouts?|roll(ed)? out|releases?|rollbacks?|roll(ed)? back|canary|canaries)\b/],
  ['dependency', /\b(vendors?|providers?|third[- ]part(y|ies)|upstream)\b/],
  ['security', /\b(security|vulnerabilit(y|ies)|attacks?|firewalls?|credentials?|secrets?|intrusion)\b/],
  ['backup', /\b(backups?|back up|restores?|snapshots?)\b/],
  ['failover', /\b(failover|fail over|redundan\w+|high availability|disaster recovery)\b/],
  ['rate-limit', /\b(rate[- ]limit\w*|throttl\w*)\b/],
  ['capacity', /\b(capacity|auto-?scal\w*|scaling|scale (up|out))\b/],
];

/** Kinds of test, for measures in the testing category. */
const TEST_SUBJECTS: [string, RegExp][] = [
  ['load', /\b(load|stress|performance|soak)[- ]test\w*/],
  ['unit', /\bunit[- ]test\w*/],
  ['integration', /\bintegration[- ]test\w*/],
  ['chaos', /\b(chaos|game ?days?|fault injection)\b/],
  ['static-analysis', /\b(static analysis|lint\w*)\b/],
  ['end-to-end', /\b(end[- ]to[- ]end|e2e)\b/],
  ['regression', /\bregression[- ]test\w*/],
];

// A subject that only restates the category ("a vendor measure about a vendor") tells measures apart no better
// than the category does, so the search moves on to the next cue.
const RESTATED_BY_CATEGORY: Record<string, string> = { vendor: 'dependency', deployment: 'deployment', capacity: 'capacity', configuration: 'configuration' };

const MAX_LEAD_IN_WORDS = 8;
const CLAUSE_END = /[,;:.!?()]|\s[-–—]\s/;

/**
 * The main thing a measure is about, or null. Looks in the lead-in (the text before the first ":" when that is
 * at most 8 words, else the first clause), then in the rest; within each, the cue that comes first wins.
 * For testing measures, kinds of test are looked for before resources ("Load testing focused on memory" is
 * about load); for the others resources come first.
 */
export function subjectOf(text: string, category: string | null): string | null {
  const lower = text.toLowerCase();
  const [leadIn, rest] = splitLeadIn(lower);
  const restated = category ? RESTATED_BY_CATEGORY[category] : undefined;
  const vocabularies = category === 'testing' ? [TEST_SUBJECTS, RESOURCE_SUBJECTS] : [RESOURCE_SUBJECTS, TEST_SUBJECTS];
  for (const vocabulary of vocabularies) {
    const usable = vocabulary.filter(([subject]) => subject !== restated);
    for (const part of [leadIn, rest]) {
      const subject = firstCue(part, usable);
      if (subject) return subject;
    }
  }
  return null;
}

function splitLeadIn(text: string): [string, string] {
  const colon = text.indexOf(':');
  if (colon >= 0 && wordCount(text.slice(0, colon), MAX_LEAD_IN_WORDS) <= MAX_LEAD_IN_WORDS) return [text.slice(0, colon), text.slice(colon + 1)];
  const clauseEnd = text.search(CLAUSE_END);
  return clauseEnd < 0 ? [text, ''] : [text.slice(0, clauseEnd), text.slice(clauseEnd)];
}

function firstCue(text: string, vocabulary: [string, RegExp][]): string | null {
  let found: { subject: string; at: number } | null = null;
  for (const [subject, cue] of vocabulary) {
    const at = text.search(cue);
    if (at >= 0 && (!found || at < found.at)) found = { subject, at };
  }
  return found?.subject ?? null;
}
