import { OwnershipFileError, parseOwnershipYaml, resolveService } from './ownership-map';

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
});
