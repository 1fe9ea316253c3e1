import { readFileSync } from 'node:fs';
import { Env } from '../config/env';
import { DEFAULT_DUE_POLICY, parseDuePolicyYaml, type DuePolicy } from './due-policy';

export const DUE_POLICY = Symbol('DUE_POLICY');

export const duePolicyProvider = {
  provide: DUE_POLICY,
  inject: [Env],
  useFactory: (env: Env): DuePolicy => (env.DUE_POLICY_FILE ? parseDuePolicyYaml(readFileSync(env.DUE_POLICY_FILE, 'utf8')) : DEFAULT_DUE_POLICY),
};
