import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { MAX_OWNERSHIP_FILE_BYTES, OwnershipFileError, parseOwnershipYaml, resolveService } from './ownership-map';
import { threadCpuMs } from '../../test/support/thread-cpu';

const services = [
  { name: 'payment gateway', aliases: ['pgw', 'payments api'], team: 'payments-team' },
  { name: 'gateway', aliases: [], team: 'edge-team' },
  { name: 'Search', aliases: ['search cluster', 'elastic'], team: 'search-team' },
];
const resolved = (...texts: (string | null)[]) => resolveService(texts, services)?.name ?? null;

describe('resolveService', () => {
  it('matches an exact name or alias, ignoring case, punctuation and filler words', () => {
    expect([resolved('Payment Gateway'), resolved('PGW'), resolved('the custom payment-gateway'), resolved('our gateway')]).toEqual(['payment gateway', 'payment gateway', 'payment gateway', 'gateway']);
  });

  it('takes the longest name or alias contained in the text as whole words', () => {
    expect([resolved('The payment gateway API timed out'), resolved('three search cluster nodes failed')]).toEqual(['payment gateway', 'Search']);
  });

  it('matches nothing from part of a word or an unknown service', () => {
    expect([resolved('elasticsearch'), resolved('payments'), resolved('reports')]).toEqual([null, null, null]);
  });

  it('tries the texts in order, skipping empty ones', () => {
    expect([resolved(null, '', 'pgw'), resolved('our gateway', 'payment gateway')]).toEqual(['payment gateway', 'gateway']);
  });
});

describe('parseOwnershipYaml', () => {
  it('reads services with trimmed names, aliases and teams', () => {
    const yaml = ['services:', '  - name: checkout', '    aliases: [cart, " basket ", ""]', '    team: payments-team', '  - name: " search "', '    team: "  "'].join('\n');
    expect(parseOwnershipYaml(yaml)).toEqual([
      { name: 'checkout', aliases: ['cart', 'basket'], team: 'payments-team' },
      { name: 'search', aliases: [], team: null },
    ]);
  });

  it.each([
    ['services: [name: a', /^The ownership file is not valid YAML: unexpected end of the stream/],
    ['other: 1', /^The ownership file must have a "services" list\.$/],
    ['', /^The ownership file must have a "services" list\.$/],
    ['services:\n  - name: a\n  - aliases: [b]', /^services\[1\] needs a "name"\.$/],
    ['services:\n  - name: "  "', /^services\[0\] needs a "name"\.$/],
    ['services:\n  - null', /^services\[0\] needs a "name"\.$/],
    ['services:\n  - name: a\n  - name: b\n    aliases: cart', /^services\[1\]\.aliases must be a list of names\.$/],
    ['services:\n  - name: a\n    aliases: [b, 3]', /^services\[0\]\.aliases must be a list of names\.$/],
    ['services:\n  - name: a\n    team: [x]', /^services\[0\]\.team must be a team name\.$/],
  ])('refuses %j, naming the offending entry', (yaml, message) => {
    expect(() => parseOwnershipYaml(yaml)).toThrow(OwnershipFileError);
    expect(() => parseOwnershipYaml(yaml)).toThrow(message);
  });

  // Issue 22, finding 13: anchors and aliases let a small file stand for an enormous one. The issue's file: one
  // list of 3,400 names aliased by 12,000 services, 40 million aliases from 356 KB, seconds of event loop.
  it('refuses a file whose aliases multiply it (billion laughs), quickly and saying why', () => {
    const names = Array.from({ length: 3_400 }, (_, i) => `n${i}`).join(', ');
    const services = Array.from({ length: 12_000 }, (_, i) => `  - { name: s${i}, aliases: *names }`);
    const attack = [`names: &names [${names}]`, 'services:', ...services].join('\n');
    const started = threadCpuMs(); // CPU time: a busy machine does not inflate it
    expect(() => parseOwnershipYaml(attack)).toThrow(/^The ownership file's anchors and aliases \(&name, \*name\) make it more than \d+ times its size; write the services out in full\.$/);
    expect(threadCpuMs() - started).toBeLessThan(1_000);
  });

  it('refuses a nested alias bomb and an alias that contains itself', () => {
    const levels = Array.from({ length: 12 }, (_, i) => `l${i + 1}: &l${i + 1} [${Array(9).fill(`*l${i}`).join(', ')}]`);
    const bomb = ['l0: &l0 [lol]', ...levels, 'services: *l12'].join('\n');
    expect(() => parseOwnershipYaml(bomb)).toThrow(/anchors and aliases/);
    expect(() => parseOwnershipYaml('services: &s [{ name: a, aliases: *s }]')).toThrow(/anchors and aliases|aliases must be a list of names/);
  });

  it('refuses a file over 2 MiB before parsing it', () => {
    expect(MAX_OWNERSHIP_FILE_BYTES).toBe(2 * 1024 * 1024);
    const big = `services: []\n# ${'é'.repeat(MAX_OWNERSHIP_FILE_BYTES / 2)}`;
    expect(() => parseOwnershipYaml(big)).toThrow(/^The ownership file is \d+ bytes; at most 2097152 \(2 MiB\) are read\.$/);
  });

  it('still reads valid files: the example, and one that shares a list through an anchor', () => {
    const example = parseOwnershipYaml(readFileSync(join(__dirname, '..', '..', 'examples', 'ownership.yaml'), 'utf8'));
    expect(example[0]).toEqual({ name: 'payment-gateway', aliases: ['payment gateway', 'payment gateway API', 'payment processing service'], team: 'payments-team' });
    const shared = 'services:\n  - name: a\n    aliases: &common [x, y]\n    team: t\n  - name: b\n    aliases: *common\n    team: t';
    expect(parseOwnershipYaml(shared)).toEqual([
      { name: 'a', aliases: ['x', 'y'], team: 't' },
      { name: 'b', aliases: ['x', 'y'], team: 't' },
    ]);
  });
});
