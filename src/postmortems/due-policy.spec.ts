import { DEFAULT_DUE_POLICY, DuePolicyError, parseDuePolicyYaml, policyDueDate } from './due-policy';

const from = new Date('2024-07-01T12:00:00Z');

describe('policyDueDate', () => {
  it('gives fixing, detecting and mitigating the shorter deadline of a severity', () => {
    const kinds = ['corrective', 'detective', 'mitigative', 'preventive', 'process'] as const;
    expect(kinds.map((kind) => policyDueDate(DEFAULT_DUE_POLICY, 'SEV1', kind, from))).toEqual(['2024-07-16', '2024-07-16', '2024-07-16', '2024-07-29', '2024-07-29']);
  });

  it('treats an unknown severity as SEV3', () => {
    expect([policyDueDate(DEFAULT_DUE_POLICY, null, 'detective', from), policyDueDate(DEFAULT_DUE_POLICY, 'SEV3', 'detective', from)]).toEqual(['2024-08-26', '2024-08-26']);
  });

  it('counts whole days in UTC across a year end', () => {
    expect(policyDueDate(DEFAULT_DUE_POLICY, 'SEV4', 'preventive', new Date('2024-12-20T23:30:00Z'))).toBe('2025-03-14');
  });
});

describe('parseDuePolicyYaml', () => {
  it('overrides only the values the file names', () => {
    expect(parseDuePolicyYaml('SEV1: { corrective: 10, process: 30 }\nSEV4:\n')).toEqual({
      ...DEFAULT_DUE_POLICY,
      SEV1: { corrective: 10, mitigative: 15, detective: 15, preventive: 28, process: 30 },
    });
  });

  it('reads an empty file as the defaults, without changing the defaults', () => {
    const policy = parseDuePolicyYaml('');
    expect(policy).toEqual(DEFAULT_DUE_POLICY);
    policy.SEV1.corrective = 1;
    expect(DEFAULT_DUE_POLICY.SEV1.corrective).toBe(15);
  });

  it.each([
    ['SEV5: { corrective: 3 }', 'Unknown severity "SEV5" in the due-date policy; use SEV1..SEV4.'],
    ['sev1: { corrective: 3 }', 'Unknown severity "sev1" in the due-date policy; use SEV1..SEV4.'],
    ['SEV2: { urgent: 3 }', 'Unknown kind "urgent" under SEV2; use corrective, preventive, detective, mitigative or process.'],
    ['SEV2: { corrective: 0 }', 'SEV2.corrective must be a whole number of days (1–3650).'],
    ['SEV2: { corrective: 2.5 }', 'SEV2.corrective must be a whole number of days (1–3650).'],
    ['SEV2: { corrective: "7" }', 'SEV2.corrective must be a whole number of days (1–3650).'],
    ['SEV2: { corrective: 3651 }', 'SEV2.corrective must be a whole number of days (1–3650).'],
  ])('refuses %j, saying which entry is wrong', (yaml, message) => {
    expect(() => parseDuePolicyYaml(yaml)).toThrow(DuePolicyError);
    expect(() => parseDuePolicyYaml(yaml)).toThrow(message);
  });

  // Object.entries of a list or a string yields its indexes, so the error names a severity "0" the file never wrote.
  it('refuses a file that is not a mapping without inventing an entry name', () => {
    for (const yaml of ['- SEV1\n- SEV2', 'fifteen days', 'SEV1: [10, 20]']) {
      expect(() => parseDuePolicyYaml(yaml)).toThrow(DuePolicyError);
      expect(() => parseDuePolicyYaml(yaml)).not.toThrow(/"0"/);
    }
  });
});
