import type { Entry } from './outline';
import type { SeverityLevel } from './parsed-postmortem';

const POPULATION = /\b(users?|customers?|requests?|traffic|visitors?|transactions?|sessions?|checkouts?|accounts?|merchants?|orders?|calls?|queries|clients?|players?|members?|shoppers?|buyers?|subscribers?|tenants?|payments?|purchases?|logins?|sign-?ins?|api calls?|page ?views?|devices?|people|everyone|users attempting)\b/i;
// "40% of push notifications" is a share of something users do; "80% of disk" or "10% of revenue" is not.
const NOT_A_POPULATION = /^(resources?|budgets?|revenues?|sales|profits?|funds?|money|dollars?|errors?|times?|days?|hours?|minutes?|seconds?|servers?|nodes?|hosts?|instances?|pods?|workers?|machines?|cpus?|disks?|memory|capacity|bandwidth|gigabytes?|bytes?)$/i;
const DETERMINER = /^(all|our|the|total|their|its)$/;
const FUNCTION_WORD = /^(was|is|has|does|this|its|us|thus|as|yes|less|unless|always|perhaps)$/;
const CHANGE = /^\s*(decrease|increase|drop|reduction|rise|spike|growth|more|less|fewer|slower|faster|higher|lower|above|below|of (the )?(cpu|memory|disk|capacity|ram|bandwidth))/i;
const PERCENT = /(\d{1,3}(?:\.\d+)?)\s?%|\b(\d{1,3}(?:\.\d+)?)\s?percent\b/gi;
const EVERYONE = /\b(all|every|100% of)\s+(of\s+)?(our\s+)?(users?|customers?|visitors?|traffic|requests?)\b|\bentire user ?base\b|\beveryone\b/i;
const STATED_SEVERITY = /\b(sev(?:erity)?[\s-]?([1-4])|p([0-4])|critical|high|medium|moderate|low|minor|major)\b/i;

export interface Impact {
  impact: string | null;
  impactPercent: number | null;
}

/** The impact as written, and the share of users or requests it names (not a change in some metric). */
export function readImpact(entries: Entry[]): Impact {
  const impactEntries = entries.filter((e) => (e.field && /impact/i.test(e.field.label)) || e.role === 'impact');
  const impact = impactEntries.map((e) => e.field && /impact/i.test(e.field.label) ? e.field.value : e.text).join(' ').trim() || null;
  const others = entries.filter((e) => !impactEntries.includes(e) && !['timeline', 'actions', 'lessons'].includes(e.role ?? ''));
  const impactPercent = percentOf(impact ?? '') ?? (impact && EVERYONE.test(impact) ? 100 : null) ?? percentOf(others.map((e) => e.text).join('\n'));
  return { impact, impactPercent };
}

/** "of all push notifications" → true; "of revenue was lost" or "of disk" → false; no "of …" → undefined. */
function sharesOfPopulation(after: string): boolean | undefined {
  const words = /^\s*of\s+((?:[a-z-]+\s*){1,4})/i.exec(after)?.[1].toLowerCase().split(/\s+/).filter((w) => w && !DETERMINER.test(w));
  if (!words?.length) return undefined;
  const noun = words.slice(0, 3).find((w) => /s$/.test(w) && !FUNCTION_WORD.test(w));
  if (words.slice(0, words.indexOf(noun ?? '') + 1 || 1).some((w) => NOT_A_POPULATION.test(w))) return false;
  return noun !== undefined;
}

function percentOf(text: string): number | null {
  for (const match of text.matchAll(PERCENT)) {
    const value = Number(match[1] ?? match[2]);
    if (value > 100) continue;
    const after = text.slice(match.index + match[0].length, match.index + match[0].length + 60);
    const before = text.slice(Math.max(0, match.index - 40), match.index);
    if (CHANGE.test(after)) continue;
    if ((sharesOfPopulation(after) ?? false) || POPULATION.test(after.split(/[.;]/)[0]) || /\b(affect\w*|impact\w*)\s*(about|approximately|around|roughly|nearly|over)?\s*$/i.test(before)) return value;
  }
  return null;
}

/**
 * Severity as written ("Severity: SEV2", "Impact: Critical"); otherwise derived from reach and length:
 * SEV1 half or more of users affected; SEV2 a fifth or more, or two hours or longer; SEV3 any stated impact
 * or half an hour or longer; SEV4 otherwise.
 */
export function deriveSeverity(entries: Entry[], impact: Impact, durationMinutes: number | null): SeverityLevel | null {
  const stated = entries.find((e) => e.field && /^(severity|sev|priority|impact level)$/i.test(e.field.label))?.field?.value ?? impact.impact?.split(/[-–—:.]/)[0];
  const written = stated ? STATED_SEVERITY.exec(stated) : null;
  if (written) {
    const level = written[2] ?? (written[3] !== undefined ? String(Math.max(1, Number(written[3]))) : null);
    if (level) return `SEV${level}` as SeverityLevel;
    const word = written[1].toLowerCase();
    if (word === 'critical' || word === 'major') return 'SEV1';
    if (word === 'high') return 'SEV2';
    if (word === 'medium' || word === 'moderate') return 'SEV3';
    return 'SEV4';
  }
  const percent = impact.impactPercent;
  if (percent === null && durationMinutes === null && !impact.impact) return null;
  if ((percent ?? 0) >= 50) return 'SEV1';
  if ((percent ?? 0) >= 20 || (durationMinutes ?? 0) >= 120) return 'SEV2';
  if ((percent ?? 0) > 0 || impact.impact || (durationMinutes ?? 0) >= 30) return 'SEV3';
  return 'SEV4';
}
