// The Admin GraphQL documents the connector sends; each is validated against Shopify's published schema in
// test/shopify-connector.shared.test.ts. Deprecated fields (Customer.email, .phone) are avoided.

const CUSTOMER_FIELDS = `
  id firstName lastName locale tags numberOfOrders createdAt updatedAt
  amountSpent { amount currencyCode }
  defaultEmailAddress { emailAddress marketingState }
  defaultPhoneNumber { phoneNumber marketingState }
  defaultAddress { countryCodeV2 timeZone }`;

const ORDER_FIELDS = `
  id name processedAt updatedAt cancelledAt
  customer { id }
  totalPriceSet { shopMoney { amount currencyCode } }`;

/** Sorted by UPDATED_AT so that a scan's last record carries its latest change (the next watermark). */
export const CUSTOMERS_PAGE = `query CustomersPage($first: Int!, $after: String, $query: String) {
  customers(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ${CUSTOMER_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

export const ORDERS_PAGE = `query OrdersPage($first: Int!, $after: String, $query: String) {
  orders(first: $first, after: $after, query: $query, sortKey: UPDATED_AT) {
    nodes { ${ORDER_FIELDS} }
    pageInfo { hasNextPage endCursor }
  }
}`;

/** One customer's orders, oldest first: the order history behind `amountSpent`. */
export const CUSTOMER_ORDERS = `query CustomerOrders($id: ID!, $first: Int!, $after: String) {
  customer(id: $id) {
    orders(first: $first, after: $after, sortKey: PROCESSED_AT) {
      nodes { ${ORDER_FIELDS} }
      pageInfo { hasNextPage endCursor }
    }
  }
}`;

export const CUSTOMER_BY_ID = `query CustomerById($id: ID!) { customer(id: $id) { ${CUSTOMER_FIELDS} } }`;

export const ORDER_BY_ID = `query OrderById($id: ID!) { order(id: $id) { ${ORDER_FIELDS} } }`;

/** The cheapest authenticated call: checks the token before a sync starts. */
export const SHOP_NAME = `query ShopName { shop { name } }`;

export const TAGS_ADD = `mutation TagsAdd($id: ID!, $tags: [String!]!) {
  tagsAdd(id: $id, tags: $tags) { node { id } userErrors { field message } }
}`;

export const TAGS_REMOVE = `mutation TagsRemove($id: ID!, $tags: [String!]!) {
  tagsRemove(id: $id, tags: $tags) { node { id } userErrors { field message } }
}`;

/** Only the tags: what a segment change compares with before writing. */
export const CUSTOMER_TAGS = `query CustomerTags($id: ID!) { customer(id: $id) { id tags } }`;

export interface ShopifyMoney { amount: string; currencyCode: string }

export interface ShopifyCustomerNode {
  id: string;
  firstName: string | null;
  lastName: string | null;
  locale: string;
  tags: string[];
  numberOfOrders: string;
  createdAt: string;
  updatedAt: string;
  amountSpent: ShopifyMoney;
  defaultEmailAddress: { emailAddress: string; marketingState: string } | null;
  defaultPhoneNumber: { phoneNumber: string; marketingState: string } | null;
  defaultAddress: { countryCodeV2: string | null; timeZone: string | null } | null;
}

export interface ShopifyOrderNode {
  id: string;
  name: string;
  processedAt: string;
  updatedAt: string;
  cancelledAt: string | null;
  customer: { id: string } | null;
  totalPriceSet: { shopMoney: ShopifyMoney };
}

export interface ShopifyPage<Node> {
  nodes: Node[];
  pageInfo: { hasNextPage: boolean; endCursor: string | null };
}
