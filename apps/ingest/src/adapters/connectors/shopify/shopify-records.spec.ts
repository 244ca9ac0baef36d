import { shopifyCustomerGidOf } from './shopify-records';

describe('our customer id mapped back to a Shopify customer', () => {
  it.each([
    ['207119551', 'gid://shopify/Customer/207119551'],
    ['gid://shopify/Customer/207119551', 'gid://shopify/Customer/207119551'],
  ])('%s is the Shopify customer %s', (id, gid) => {
    expect(shopifyCustomerGidOf(id)).toBe(gid);
  });

  it.each(['cust-42', '003Dn00000AbCdEfGH', 'gid://shopify/Order/450789469', '', '12 34'])('"%s" cannot be a Shopify customer', (id) => {
    expect(shopifyCustomerGidOf(id)).toBeUndefined();
  });
});
