import { componentTerms, roleWords } from './component-terms';
import { wordsOf } from './words';

export interface ServiceCandidate {
  id: string;
  name: string;
  aliases: string[];
}

export interface ServiceMatch {
  serviceId: string;
  /** 0..1: 1 for the same name, 0.95 for the same name but for role words, less for a partial overlap. */
  confidence: number;
  matchedWords: string[];
  /** One plain-English sentence saying why. */
  evidence: string;
}

export const SERVICE_MATCH_THRESHOLD = 0.6;

// Same identifying words but different role words ("payment gateway" vs "payment processing service"):
// almost surely the same component, ranked just below a literal match so that one wins a tie.
const SAME_TERMS_CONFIDENCE = 0.95;

interface LabelMatch {
  confidence: number;
  shared: string[];
  byName: boolean;
  label: string;
}

/**
 * The service a component named in a postmortem is, scored over the candidate's name and every alias:
 * - 1 when both have the same words once case, punctuation and plurals are set aside;
 * - 0.95 when only their role words differ (equal componentTerms);
 * - else 0.5 × Jaccard + 0.5 × containment of their componentTerms (containment: shared / size of the smaller
 *   set), so a shorter name inside a longer one ("cart service" in "shopping cart service") scores 0.75.
 * Needs at least one shared term, and null below SERVICE_MATCH_THRESHOLD. A name sharing its only identifying
 * word therefore matches: "payment notifications" is taken for "payment gateway" (0.75); people split them later.
 * Ties go to the higher score, then a match on the name rather than an alias, then the shorter name.
 */
export function matchService(component: string, candidates: ServiceCandidate[]): ServiceMatch | null {
  let best: { candidate: ServiceCandidate; match: LabelMatch } | null = null;
  for (const candidate of candidates) {
    const labels = [{ label: candidate.name, byName: true }, ...candidate.aliases.map((label) => ({ label, byName: false }))];
    for (const { label, byName } of labels) {
      const match = compare(component, label, byName);
      if (match && (!best || isBetter(match, candidate, best.match, best.candidate))) best = { candidate, match };
    }
  }
  if (!best || best.match.confidence < SERVICE_MATCH_THRESHOLD) return null;
  return {
    serviceId: best.candidate.id,
    confidence: best.match.confidence,
    matchedWords: best.match.shared,
    evidence: explain(component, best.candidate.name, best.match),
  };
}

function compare(component: string, label: string, byName: boolean): LabelMatch | null {
  const componentSet = componentTerms(component);
  const labelSet = new Set(componentTerms(label));
  const shared = componentSet.filter((term) => labelSet.has(term));
  if (shared.length === 0) return null;
  const union = componentSet.length + labelSet.size - shared.length;
  let confidence: number;
  if (sameWords(wordsOf(component), wordsOf(label))) confidence = 1;
  else if (shared.length === union) confidence = SAME_TERMS_CONFIDENCE;
  else confidence = 0.5 * (shared.length / union) + 0.5 * (shared.length / Math.min(componentSet.length, labelSet.size));
  return { confidence: Math.round(confidence * 100) / 100, shared, byName, label };
}

function isBetter(match: LabelMatch, candidate: ServiceCandidate, current: LabelMatch, currentCandidate: ServiceCandidate): boolean {
  if (match.confidence !== current.confidence) return match.confidence > current.confidence;
  if (match.byName !== current.byName) return match.byName;
  return candidate.name.length < currentCandidate.name.length;
}

function sameWords(left: string[], right: string[]): boolean {
  const rightSet = new Set(right);
  return left.length === rightSet.size && left.every((word) => rightSet.has(word));
}

const quoted = (words: string[]): string => words.map((word) => `"${word}"`).join(', ');

function explain(component: string, serviceName: string, match: LabelMatch): string {
  const labelTerms = componentTerms(match.label);
  const componentOnly = componentTerms(component).filter((term) => !match.shared.includes(term));
  const labelOnly = labelTerms.filter((term) => !match.shared.includes(term));
  // "service" goes without saying once the sentence calls it "the service".
  const roles = [...new Set([...roleWords(component), ...roleWords(match.label)])].filter((word) => word !== 'service' && !match.shared.includes(word)).sort();
  const clauses = [`both name ${quoted(match.shared)}`];
  if (componentOnly.length > 0) clauses.push(`only the component names ${quoted(componentOnly)}`);
  if (labelOnly.length > 0) clauses.push(`only the service names ${quoted(labelOnly)}`);
  if (roles.length > 0) clauses.push(`${quoted(roles)} only ${roles.length === 1 ? 'says' : 'say'} what role it plays`);
  const alias = match.byName ? '' : ` by its alias "${match.label}"`;
  return `"${component}" matches the service "${serviceName}"${alias}: ${clauses.join('; ')}.`;
}
