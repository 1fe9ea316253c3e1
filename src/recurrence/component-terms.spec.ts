import { componentTerms, roleWords } from './component-terms';

describe('componentTerms', () => {
  it.each([
    ['payment gateway API', ['payment']],
    ['payment gateway integration', ['payment']],
    ['payment processing service', ['payment']],
    ['shopping cart service', ['cart', 'shopping']],
    ['custom shopping cart application code', ['cart', 'shopping']],
    ['cart service', ['cart']],
    ['Nginx', ['nginx']],
    ['API gateway', ['api', 'gateway']],
    ['Payments', ['payment']],
    ['the inventory’s API', ['inventory']],
    ['Search-Indexer backend', ['indexer', 'search']],
    ['order status service', ['order', 'status']],
    ['', []],
  ])('reads %j as %j', (name, terms) => {
    expect(componentTerms(name)).toEqual(terms);
  });
});

describe('roleWords', () => {
  it('lists the words that only say what role a component plays', () => {
    expect([roleWords('payment gateway API'), roleWords('custom shopping cart application code'), roleWords('API gateway'), roleWords('Nginx')]).toEqual([
      ['api', 'gateway'],
      ['application', 'code', 'custom'],
      [],
      [],
    ]);
  });
});
