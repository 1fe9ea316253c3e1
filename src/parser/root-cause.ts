import { CueSet } from './cue-patterns';
import type { Entry } from './outline';
import { FAILURE_MODES, type FailureMode } from './parsed-postmortem';

// Cues per failure mode. When a cause fits several, the first in FAILURE_MODES order wins.
const CUES: Partial<Record<FailureMode, RegExp>> = {
  'security-attack': /\b(d?dos|attacks?|attackers?|malicious|breach\w*|exploit\w*|vulnerab\w+|intrusion|compromised|phishing|ransomware|credential stuffing|brute[- ]force|injection attack)\b/,
  'certificate-expiry': /\bcert(ificate)?s?\b.{0,60}\b(expir\w*|renew\w*)|\b(expir\w*|renew\w*)\b.{0,60}\bcert(ificate)?s?\b/,
  'memory-leak': /\bmemory leaks?\b|\bleak(s|ed|ing)? (of )?memory\b|\bmemory (was|is) (never|not) (released|freed)|\bwithout (proper )?(memory )?release/,
  'network-dns':
    /\bdns\b.{0,40}\b(records?|resolution|resolv\w*|lookups?|entr(y|ies)|propagat\w+|ttl|zones?|nameservers?)|\b(records?|resolution|lookups?)\b.{0,20}\bdns\b|\b(nameservers?|name resolution|nxdomain|cname|(private|hosted|dns) zones?|negative[- ]cach\w+)\b/,
  'hardware-failure': /\b(hardware|disk failure|failed (disk|drive|ssd|nic|psu)|raid controller|power suppl(y|ies)|faulty (ram|memory module|disk|drive)|bad sectors?)\b/,
  'dependency-failure': /\b(third[- ]party|upstream (provider|service|api)|vendor'?s? (outage|image|package|service|api|platform)|provider'?s? (outage|platform|api|side)|external (api|service|dependency|provider)|dependency (failure|outage)|(package|library) (update|version|bug|release))\b/,
  'resource-exhaustion': /\b(disk space|out of disk|disk (was |is )?full|filled up|(was|were|became|got) full|no space left|enospc|ran out of|run out of|running out of|file descriptors?|open files|too many (open )?connections|exhaust\w*|inodes?|(used|using|consum\w+|took|taking|hogg\w+|starv\w+) (up )?(most|all|100%)? ?(of )?(the )?(cpu|memory|disk|resources)|cpu (usage|starvation)|out of memory|oom)\b/,
  'capacity-overload': /\b(traffic (spike|surge)|surge in traffic|spike in traffic|overload\w*|beyond (its )?capacity|exceeded (its )?capacity|insufficient capacity|load spike|flash sale|thundering herd|unexpected(ly)? (high )?(traffic|load))\b/,
  database:
    /\b(quer(y|ies)|deadlocks?|(database|db) (schema|migrations?|model|engine|crash|index(es)?)|table rewrite|alter table|column type|lock_timeout|statement_timeout|vacuum|index bloat|schema (change|migration)s?|missing index(es)?|replication lag|table locks?|lock(ed)? (the )?\w* ?table|database migration)\b|\bmigration\b.{0,30}\b(table|column|rows?)\b/,
  'configuration-error': /\b(misconfigur\w*|configur\w*|config|settings?|wrong port|environment variables?|firewall rules?|feature flags?)\b/,
  'deployment-regression': /\b(deploy(ment|ed|ing)?|releases?d?|roll(ed)? ?out|upgrad(e|ed|ing)|was updated|recent (update|change)s?|code changes?|new version|regression|update to)\b/,
  'software-bug': /\b(bugs?|typos?|defects?|logic errors?|race conditions?|null pointer|misspel\w*|did not (take into account|support|handle)|does not support|unhandled|edge case|off[- ]by[- ]one|overflow)\b/,
  'human-error':
    /\b(human error|manual(ly)? (mistake|error)|accidental\w*|operator error|mistakenly|by mistake|fat[- ]finger\w*|wrong (terminal|tab|window|host|server|environment|cluster|account))\b|\b(a person|an engineer|someone|an operator|a developer|an admin\w*) (ran|typed|executed|deleted|dropped|pushed|ran the)\b/,
  'data-corruption': /\b(data corruption|corrupt\w*)\b/,
};
const CUED_MODES = FAILURE_MODES.filter((mode) => CUES[mode]);
const CAUSE_CUES = new CueSet(CUED_MODES.map((mode) => CUES[mode]!));
// "There was no bug and no bad config": a cue that is denied is not a cue.
const NEGATED = /\b(no|not|nor|never|without|neither)\s+(?:(?:a|an|any|the)\s+)?(?:\w+\s+)?(bugs?|config\w*|settings?|deploy\w*|releases?|attacks?|leaks?|hardware|traffic|capacity)\b/g;
// The effects a cause led to are not the cause: "… , resulting in exhausted connections".
// Found by its first word, then extended back over the comma and spaces before it: a pattern that starts with
// ",?\s*" has to be tried at every character.
const EFFECT_CLAUSE = /\b(resulting in|which resulted in|causing|which caused|which eventually caused|leading to|which led to|making|so that|thereby|disrupting)\b(?=.*$)/i;
const MAX_CAUSE_TEXT = 1500;
const EXPLICIT = /\broot cause category\s*[:=-]\s*([a-z -]+)/i;

const COMPONENT_HEAD = '(?:service|server|gateway(?: api| integration)?|api|application(?: server| code)?|app|database(?: server| model)?|db|cluster|module|integration|load balancer|system|pipeline|cache|queue|proxy|cdn|plugin|workflow|job|pool|controller|worker|store|backend|frontend)';
const COMPONENT = new RegExp(`\\b(?:in|within|of|on|to|for|from|the|our)\\s+(?:the\\s+|our\\s+|a\\s+|an\\s+)?((?:[\\w.-]+\\s+){0,3}?${COMPONENT_HEAD})\\b`, 'i');
const PRODUCT = /\b(nginx|apache|haproxy|envoy|mysql|mariadb|postgres(?:ql)?|redis|memcached|kafka|rabbitmq|elasticsearch|mongodb|coredns|kubernetes|k8s|flask|django|rails|jenkins|terraform|cloudflare|dns|cron(?: job)?)\b/i;
const VAGUE_WORDS = /^(the|a|an|our|this|that|its|their|entire|whole|main|same)\s+/i;

export interface RootCause {
  summary: string | null;
  category: FailureMode;
  component: string | null;
}

export function readRootCause(entries: Entry[], fallbackTexts: string[]): RootCause {
  const labelled = entries.find((e) => e.field && /^(root causes?|cause|root cause explanation)$/i.test(e.field.label.replace(/[*_]/g, '')));
  const section = entries.filter((e) => e.role === 'rootCause');
  const summary = labelled?.field?.value ?? section.find((e) => e.text.length > 20)?.text ?? null;
  const explicit = [summary, ...section.map((e) => e.text)].map((t) => (t ? EXPLICIT.exec(t)?.[1] : undefined)).find(Boolean);
  const candidates = [summary ?? '', section.map((e) => e.text).join(' '), ...fallbackTexts];
  const category = explicitMode(explicit) ?? firstKnownMode(candidates);
  return { summary: summary ? firstSentences(summary) : null, category, component: componentOf([summary ?? '', ...section.map((e) => e.text), ...fallbackTexts]) };
}

function firstKnownMode(texts: string[]): FailureMode {
  for (const text of texts) {
    const mode = classifyCause(text);
    if (mode !== 'unknown') return mode;
  }
  return 'unknown';
}

/** The failure mode of a cause statement, judged on the cause and not the effects it lists. */
export function classifyCause(text: string): FailureMode {
  // Only the first sentences state the cause; splitting a whole long section would be wasted work.
  const cause = text
    .slice(0, MAX_CAUSE_TEXT)
    .split(/(?<=[.!?])\s+/, 3)
    .map(withoutEffects)
    .join(' ')
    .toLowerCase()
    .replace(NEGATED, ' ');
  return CUED_MODES[CAUSE_CUES.firstPattern(cause)] ?? 'unknown';
}

function withoutEffects(sentence: string): string {
  const effect = EFFECT_CLAUSE.exec(sentence);
  if (!effect) return sentence;
  const cause = sentence.slice(0, effect.index).trimEnd();
  return cause.endsWith(',') ? cause.slice(0, -1) : cause;
}

function explicitMode(text: string | undefined): FailureMode | null {
  const wanted = text?.trim().toLowerCase().replace(/\s+/g, '-');
  return FAILURE_MODES.find((mode) => mode === wanted) ?? null;
}

function componentOf(texts: string[]): string | null {
  for (const text of texts) {
    const match = COMPONENT.exec(text);
    if (match) return match[1].toLowerCase().replace(VAGUE_WORDS, '').replace(/[’']s\b/g, '').trim();
  }
  for (const text of texts) {
    const product = PRODUCT.exec(text);
    if (product) return product[1].toLowerCase();
  }
  return null;
}

function firstSentences(text: string): string {
  const sentences = text.split(/(?<=[.!?])\s+/);
  let result = '';
  for (const sentence of sentences) {
    if (result && result.length + sentence.length > 400) break;
    result = result ? `${result} ${sentence}` : sentence;
    if (result.length > 160) break;
  }
  return result;
}

/** The words of a cause statement that name its failure mode ("memory leak"), to explain a classification. */
export function failureModeCue(text: string, mode: string): string | null {
  const cue = CUES[mode as FailureMode];
  return cue?.exec(text.slice(0, MAX_CAUSE_TEXT).toLowerCase())?.[0] ?? null;
}
