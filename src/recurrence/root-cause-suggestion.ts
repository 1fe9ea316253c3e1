/** What the import knows about an incident's cause and service, as stored on the incident. */
export interface IncidentCause {
  failureMode: string | null;
  serviceId: string | null;
  serviceName: string | null;
  serviceConfidence: number | null;
  serviceEvidence: string | null;
  /** The words of the root-cause statement that named the failure mode, when it names it. */
  failureModeCue: string | null;
}

export interface RootCauseSuggestion {
  failureMode: string;
  serviceId: string;
  confidence: number;
  evidence: string;
}

// A failure mode read from the title or summary rather than from the root-cause statement is a weaker reading.
const INDIRECT_MODE_CONFIDENCE = 0.7;

/**
 * The recurring root cause (failure mode × service) an incident belongs to, with how sure and why; none when
 * the failure mode is unknown or no service was named.
 */
export function suggestRootCause(cause: IncidentCause): RootCauseSuggestion | null {
  if (!cause.failureMode || cause.failureMode === 'unknown' || !cause.serviceId) return null;
  const modeConfidence = cause.failureModeCue ? 1 : INDIRECT_MODE_CONFIDENCE;
  const modeEvidence = cause.failureModeCue
    ? `The root cause says "${cause.failureModeCue}" (${cause.failureMode}).`
    : `The postmortem reads as ${cause.failureMode}, though its root-cause statement does not say so in as many words.`;
  const serviceEvidence = cause.serviceEvidence ?? `The incident affects ${cause.serviceName ?? 'that service'}.`;
  return {
    failureMode: cause.failureMode,
    serviceId: cause.serviceId,
    confidence: Math.round(modeConfidence * (cause.serviceConfidence ?? 1) * 100) / 100,
    evidence: `${modeEvidence} ${serviceEvidence}`,
  };
}
