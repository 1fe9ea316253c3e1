import { matchService, SERVICE_MATCH_THRESHOLD, type ServiceCandidate } from './service-match';

const payments: ServiceCandidate = { id: 'svc-pay', name: 'payment processing service', aliases: [] };
const cart: ServiceCandidate = { id: 'svc-cart', name: 'shopping cart service', aliases: ['basket'] };
const storefront: ServiceCandidate = { id: 'svc-front', name: 'storefront', aliases: [] };
const catalogue = [payments, cart, storefront];

describe('matchService', () => {
  it('is sure of a name that differs only in case, punctuation and plurals', () => {
    expect(matchService('Shopping-Cart Services', catalogue)).toEqual({
      serviceId: 'svc-cart',
      confidence: 1,
      matchedWords: ['cart', 'shopping'],
      evidence: '"Shopping-Cart Services" matches the service "shopping cart service": both name "cart", "shopping".',
    });
  });

  it('gives 0.95 to a name that differs only in role words', () => {
    expect(matchService('payment gateway integration', catalogue)).toEqual({
      serviceId: 'svc-pay',
      confidence: 0.95,
      matchedWords: ['payment'],
      evidence: '"payment gateway integration" matches the service "payment processing service": both name "payment"; "gateway", "integration", "processing" only say what role it plays.',
    });
    expect(matchService('payment gateway', catalogue)?.confidence).toBe(0.95);
  });

  it('matches a shorter name contained in a longer one', () => {
    expect(matchService('cart service', catalogue)).toEqual({
      serviceId: 'svc-cart',
      confidence: 0.75,
      matchedWords: ['cart'],
      evidence: '"cart service" matches the service "shopping cart service": both name "cart"; only the service names "shopping".',
    });
  });

  it('matches through an alias and says so', () => {
    expect(matchService('Basket API', catalogue)).toEqual({
      serviceId: 'svc-cart',
      confidence: 0.95,
      matchedWords: ['basket'],
      evidence: '"Basket API" matches the service "shopping cart service" by its alias "basket": both name "basket"; "api" only says what role it plays.',
    });
  });

  it('takes a name sharing its only identifying word for that service (people split them later)', () => {
    const match = matchService('payment notifications', [{ id: 'svc-gw', name: 'payment gateway', aliases: [] }]);
    expect(match).toEqual({
      serviceId: 'svc-gw',
      confidence: 0.75,
      matchedWords: ['payment'],
      evidence: '"payment notifications" matches the service "payment gateway": both name "payment"; only the component names "notification"; "gateway" only says what role it plays.',
    });
  });

  it('finds nothing when no identifying word is shared', () => {
    expect([
      matchService('shopping cart service', [{ id: 'svc-gw', name: 'payment gateway', aliases: [] }]),
      matchService('order service', [storefront]),
      matchService('API gateway', [{ id: 'svc-gw', name: 'payment gateway API', aliases: [] }]),
      matchService('cart service', []),
      matchService('', catalogue),
    ]).toEqual([null, null, null, null, null]);
  });

  it('finds nothing below the threshold', () => {
    // One shared word out of five: 0.5 × 1/5 + 0.5 × 1/2 = 0.35.
    const match = matchService('cart pricing', [{ id: 'svc-x', name: 'cart recommendation ranking search', aliases: [] }]);
    expect(match).toBeNull();
    expect(SERVICE_MATCH_THRESHOLD).toBe(0.6);
  });

  it('breaks ties by score, then a name over an alias, then the shorter name', () => {
    const byAlias: ServiceCandidate = { id: 'by-alias', name: 'order pipeline', aliases: ['checkout'] };
    const longName: ServiceCandidate = { id: 'long-name', name: 'checkout service', aliases: [] };
    const shortName: ServiceCandidate = { id: 'short-name', name: 'checkout api', aliases: [] };
    const partial: ServiceCandidate = { id: 'partial', name: 'checkout fraud', aliases: [] };
    const pick = (candidates: ServiceCandidate[]) => matchService('checkout backend', candidates)?.serviceId;
    expect([pick([partial, byAlias]), pick([byAlias, longName]), pick([longName, shortName]), pick([shortName, longName])]).toEqual([
      'by-alias',
      'long-name',
      'short-name',
      'short-name',
    ]);
  });
});
