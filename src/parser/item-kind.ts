import { CueSet } from './cue-patterns';
import { wordCount } from './text-similarity';
import type { ActionCategory, ActionKind } from './parsed-postmortem';

type Rule = [RegExp, number];

// Cues for each kind of measure, after the SRE taxonomy: fix the defect (corrective), stop it happening again
// (preventive), notice it sooner (detective), limit the damage or speed recovery (mitigative), change how
// people work (process). Each distinct cue found adds its weight.
const KIND_RULES: Record<ActionKind, Rule[]> = {
  detective: [
    [/\b(monitor(s|ing|ed)?|alert(s|ing)?|alarms?|dashboards?|observability|metrics?|telemetry|tracing|paging|pager)\b/, 3],
    [/\b(health ?checks?|expir(y|ation) checks?|detect(s|ion|ed)?|watchdog|probes?|synthetic|anomal(y|ies|ous))\b/, 2],
    [/\b(logging|log aggregation|notif(y|ication)s?|keep track|track(ing)? (of|any))\b/, 2],
    [/\bregular(ly)? (validate|check|audit|verify|scan)\w*|\b(recurring|periodic|scheduled) (audits?|checks?|scans?)\b/, 5],
  ],
  mitigative: [
    [/\b(roll ?back (plan|mechanism|procedure)s?|rollback (plan|mechanism|procedure)s?|fail ?over|fallback|fall(s|ing)? back|runbooks?|playbooks?|incident response|backup plans?|status page|circuit breakers?|graceful(ly)? degrad\w*|kill switch)\b/, 4],
    [/\b(automatically restart|auto-?restart|mitigat\w+|second (\w+ )?provider|backup provider|one-step revert|revert to (the )?previous|undo(ne)?|workaround|re-?upload|freez(e|ing)|reduce (the )?(impact|blast radius))\b/, 3],
  ],
  process: [
    [/\b(training|trainings|train|workshops?|awareness|onboarding|educat\w+)\b/, 4],
    [/\b(document(ation|ed)?|knowledge|share (learnings|lessons)|wiki|guidelines?|best practices?)\b/, 3],
    [/\b(code review (process|game|polic(y|ies))|(stricter|enforce\w*|mandatory|improve\w*|step up|thorough) (code )?reviews?|review process|approval|sign-?off|checklists?|procedures?|polic(y|ies)|meetings?|retrospectives?|on-?call|escalation)\b/, 3],
    [/\b(communicat\w+|release notes|action plan|post-deployment (review|verification)|process for|remind\w*|scrutini[sz]e|second (engineer|person|reviewer)|buddy|(pull request|pr) templates?|calendar)\b/, 3],
    [/\bprocess(es)?\b/, 1],
  ],
  corrective: [
    [/\b(fix(es|ed)?|patch(es|ed)?|repair|correct(ed)?|revert|hotfix|address the|clean ?up|fine-?tune|refactor)\b/, 3],
    [/\b(conduct|perform|do) an? (thorough |full |deep )?(code )?(review|audit|deep dive) (of|into)\b|\breview and refactor\b|\baudit\b|\bdeep dive\b/, 3],
    // A one-off look at specific code to find the defect and its siblings.
    [/\breview (the|our|all|existing) [\w\s-]{0,40}\b(code|implementation|integration|module)s?\b/, 3],
    [/\b(replace|remove|upgrade|adjust|reconfigure)\b/, 1],
  ],
  preventive: [
    [/\b(tests?|testing|load[- ]test\w*|unit[- ]tests?|chaos|stress[- ]test\w*)\b/, 3],
    [/\b(validat(e|ion|ing)|automat(e|ed|ion|ically)|static (code )?analysis|lint\w*|ci\/cd|ci pipeline|continuous integration|pipeline)\b/, 2],
    [/\b(staged rollouts?|canary|gradual\w*|phased|feature flags?|capacity|scal(e|ing)|autoscal\w+|redundan\w+|(separate|different|dedicated) (server|host|machine)s?|isolat\w+|rate limit\w*|quotas?|limits?|rotation|renewal|guard\w*|prevent\w*|optimi[sz]e|ensure that)\b/, 2],
  ],
};

const RULE_INDEX = Object.entries(KIND_RULES).flatMap(([kind, rules]) => rules.map(([, weight]) => ({ kind: kind as ActionKind, weight })));
const KIND_CUES = new CueSet(Object.values(KIND_RULES).flatMap((rules) => rules.map(([pattern]) => pattern)));

// When two kinds score the same, the more specific purpose wins.
const TIE_ORDER: ActionKind[] = ['detective', 'mitigative', 'process', 'corrective', 'preventive'];

const LEAD_IN = /^[^:]{1,60}:\s*/;
// Sticky: read from where the body starts, without slicing the text.
const OPENING_WORDS = /(\S+\s+){0,3}\S+/y;

/**
 * The kind of a measure: a section or column that classifies it wins; else its cues, where the words that
 * open the measure (its verb and object, after any "Lead-in:") count double.
 */
export function classifyKind(text: string, hint: ActionKind | null): ActionKind {
  if (hint) return hint;
  const lower = text.toLowerCase();
  const bodyStart = LEAD_IN.exec(lower)?.[0].length ?? 0;
  OPENING_WORDS.lastIndex = bodyStart;
  const openingEnd = bodyStart + (OPENING_WORDS.exec(lower)?.[0].length ?? 0);
  const scores: Record<ActionKind, number> = { detective: 0, mitigative: 0, process: 0, corrective: 0, preventive: 0 };
  const seen: string[] = [];
  for (const cue of KIND_CUES.matches(lower)) {
    const rule = RULE_INDEX[cue.pattern];
    // Each distinct cue counts once, and once more when it opens the measure.
    const key = `${cue.pattern}:${cue.text}`;
    const count = (seen.includes(key) ? 0 : 1) + (cue.index >= bodyStart && cue.index < openingEnd ? 1 : 0);
    seen.push(key);
    scores[rule.kind] += rule.weight * count;
  }
  let best: ActionKind | null = null;
  for (const kind of TIE_ORDER) if (scores[kind] > (best ? scores[best] : 0)) best = kind;
  // No cue at all: engineering that stops a recurrence is the most common kind of measure.
  return best ?? 'preventive';
}

const KIND_WORDS: [RegExp, ActionKind][] = [
  [/detect|monitor|alert/i, 'detective'],
  [/mitigat|recover|respon/i, 'mitigative'],
  [/process|train|doc/i, 'process'],
  [/fix|correct|repair|remed/i, 'corrective'],
  [/prevent/i, 'preventive'],
];

/** A kind written in a table's Type column ("Prevent", "Detection", "Fix"). */
export function kindFromLabel(label: string | undefined): ActionKind | null {
  if (!label) return null;
  return KIND_WORDS.find(([pattern]) => pattern.test(label))?.[1] ?? null;
}

const CATEGORY_RULES: [RegExp, ActionCategory][] = [
  [/\bcode reviews?\b|\breview (of|and refactor) .{0,30}code\b/, 'code-review'],
  [/\b(train\w*|workshops?|awareness|onboarding)\b/, 'training'],
  [/\b(tests?|testing|load[- ]test\w*|chaos|static (code )?analysis|lint\w*)\b/, 'testing'],
  [/\b(monitor\w*|alert\w*|alarms?|dashboards?|metrics?|logging|observability|health ?checks?)\b/, 'monitoring'],
  [/\b(runbooks?|playbooks?|incident response|status page|on-?call|escalation)\b/, 'incident-response'],
  [/\b(document\w*|wiki|readme|knowledge)\b/, 'documentation'],
  [/\b(vendors?|providers?|third[- ]party|suppliers?|upstream)\b/, 'vendor'],
  [/\b(deploy\w*|roll ?outs?|roll ?backs?|releases?|ci\/cd|pipelines?|canary|staged)\b/, 'deployment'],
  [/\b(capacity|scal(e|ing)|autoscal\w+|load|resources?|memory|disk|quotas?|limits?)\b/, 'capacity'],
  [/\b(config\w*|settings?|environment variables?)\b/, 'configuration'],
  [/\b(process|procedures?|polic(y|ies)|checklists?|meetings?|communicat\w+|reviews?)\b/, 'process'],
  [/\b(fix|patch|repair|refactor|correct)\b/, 'fix'],
];

const CATEGORY_CUES = new CueSet(CATEGORY_RULES.map(([pattern]) => pattern));

/** The first category in CATEGORY_RULES order whose cue appears anywhere in the text. */
export function classifyCategory(text: string): ActionCategory {
  return CATEGORY_RULES[CATEGORY_CUES.firstPattern(text.toLowerCase())]?.[1] ?? 'other';
}

/** "Improved Monitoring: Implement …" → "Improved Monitoring". */
export function leadInOf(text: string): string | null {
  const colon = text.indexOf(':');
  if (colon <= 0 || colon > 60) return null;
  const lead = text.slice(0, colon).trim();
  return wordCount(lead, 7) <= 7 ? lead : null;
}
