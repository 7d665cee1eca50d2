/** What a notice needs from the order when it is sent: who to write to, in which language, and the shop's name. */
export const NOTICE_ORDER_QUERY = `#graphql
  query NoticeOrder($id: ID!, $withCustomer: Boolean!) {
    shop {
      name
    }
    order(id: $id) {
      id
      name
      email @include(if: $withCustomer)
      customerLocale
      currentSubtotalLineItemsQuantity
      customer @include(if: $withCustomer) {
        displayName
      }
    }
  }
`;

/** The shop's name, for the notices' From and the Settings preview. */
export const NOTICE_SHOP_NAME_QUERY = `#graphql
  query NoticeShopName {
    shop {
      name
    }
  }
`;
