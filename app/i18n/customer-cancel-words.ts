/**
 * The customer's cancel page in their language (the only shopper-facing page the app serves, so its
 * words live beside strings.ts rather than in it: strings.ts is the merchant's English). Plain words,
 * real plurals, money in the order's currency in the customer's number style.
 */
import type { CustomerLocale } from "../domain/cancel-token";
import { formatMoney, plural, type PluralForms } from "./format";

export interface CancelPageWords {
  title: string;
  confirmHeading: string;
  waiting: (order: string, product: string, units: number) => string;
  confirmExplain: string;
  confirmButton: string;
  keepWaiting: string;
  cancelledHeading: string;
  cancelled: (order: string, product: string, units: number) => string;
  refundDue: (amount: string, currencyCode: string) => string;
  alreadyCancelledHeading: string;
  alreadyCancelled: (order: string) => string;
  noLongerWaitingHeading: string;
  noLongerWaiting: (order: string) => string;
  expiredHeading: string;
  expired: string;
  invalidHeading: string;
  invalid: string;
  notEditableHeading: string;
  notEditable: string;
  unavailableHeading: string;
  unavailable: string;
}

const itemsIn = (locale: CustomerLocale, forms: PluralForms) => (units: number) => plural(units, forms, locale);
const money = (locale: CustomerLocale) => (amount: string, currencyCode: string) => formatMoney(Math.abs(Number(amount)), currencyCode, { locale });

const en = (): CancelPageWords => {
  const items = itemsIn("en", { one: "# item", other: "# items" });
  return {
    title: "Cancel back-ordered items",
    confirmHeading: "Cancel your back-ordered items?",
    waiting: (order, product, units) => `Order ${order}: ${items(units)} of ${product} still waiting for stock.`,
    confirmExplain: "If you cancel, these items are removed from your order and you are refunded for them. The rest of your order is not affected.",
    confirmButton: "Cancel these items",
    keepWaiting: "To keep waiting, just close this page.",
    cancelledHeading: "Your back-ordered items are cancelled",
    cancelled: (order, product, units) => `${items(units)} of ${product} removed from order ${order}.`,
    refundDue: (amount, currency) => `A refund of ${money("en")(amount, currency)} is due to you. The shop issues it to your original payment method.`,
    alreadyCancelledHeading: "These items are already cancelled",
    alreadyCancelled: (order) => `The back-ordered items of order ${order} were cancelled before. Nothing more was changed.`,
    noLongerWaitingHeading: "These items are no longer waiting",
    noLongerWaiting: (order) => `The items of order ${order} are on their way or ready to ship, so they can no longer be cancelled here. Contact the shop if you need help.`,
    expiredHeading: "This link has expired",
    expired: "Cancel links work for a limited time. Contact the shop to cancel your back-ordered items. Nothing was changed.",
    invalidHeading: "This link does not work",
    invalid: "Check that you opened the whole link from your email. Nothing was changed.",
    notEditableHeading: "These items cannot be cancelled online",
    notEditable: "Contact the shop to cancel them. Nothing was changed.",
    unavailableHeading: "Cancelling is not available right now",
    unavailable: "Try again later, or contact the shop. Nothing was changed.",
  };
};

const fr = (): CancelPageWords => {
  const items = itemsIn("fr", { one: "# article", other: "# articles" });
  return {
    title: "Annuler des articles en précommande",
    confirmHeading: "Annuler vos articles en attente ?",
    waiting: (order, product, units) => `Commande ${order} : ${items(units)} « ${product} » encore en attente de stock.`,
    confirmExplain: "Si vous annulez, ces articles sont retirés de votre commande et vous êtes remboursé. Le reste de votre commande n'est pas modifié.",
    confirmButton: "Annuler ces articles",
    keepWaiting: "Pour continuer d'attendre, fermez simplement cette page.",
    cancelledHeading: "Vos articles en attente sont annulés",
    cancelled: (order, product, units) => `${items(units)} « ${product} » retiré${units > 1 ? "s" : ""} de la commande ${order}.`,
    refundDue: (amount, currency) => `Un remboursement de ${money("fr")(amount, currency)} vous est dû. La boutique l'effectue sur votre moyen de paiement d'origine.`,
    alreadyCancelledHeading: "Ces articles sont déjà annulés",
    alreadyCancelled: (order) => `Les articles en attente de la commande ${order} ont déjà été annulés. Rien d'autre n'a été modifié.`,
    noLongerWaitingHeading: "Ces articles ne sont plus en attente",
    noLongerWaiting: (order) => `Les articles de la commande ${order} sont en route ou prêts à partir : ils ne peuvent plus être annulés ici. Contactez la boutique si besoin.`,
    expiredHeading: "Ce lien a expiré",
    expired: "Les liens d'annulation sont valables pour une durée limitée. Contactez la boutique pour annuler vos articles en attente. Rien n'a été modifié.",
    invalidHeading: "Ce lien ne fonctionne pas",
    invalid: "Vérifiez que vous avez ouvert le lien complet de votre e-mail. Rien n'a été modifié.",
    notEditableHeading: "Ces articles ne peuvent pas être annulés en ligne",
    notEditable: "Contactez la boutique pour les annuler. Rien n'a été modifié.",
    unavailableHeading: "L'annulation n'est pas disponible pour le moment",
    unavailable: "Réessayez plus tard ou contactez la boutique. Rien n'a été modifié.",
  };
};

const de = (): CancelPageWords => {
  const items = itemsIn("de", { one: "# Artikel", other: "# Artikel" });
  return {
    title: "Nachbestellte Artikel stornieren",
    confirmHeading: "Wartende Artikel stornieren?",
    waiting: (order, product, units) => `Bestellung ${order}: ${items(units)} „${product}“ ${units === 1 ? "wartet" : "warten"} noch auf Lagerbestand.`,
    confirmExplain: "Wenn Sie stornieren, werden diese Artikel aus Ihrer Bestellung entfernt und Ihnen erstattet. Der Rest Ihrer Bestellung bleibt unverändert.",
    confirmButton: "Diese Artikel stornieren",
    keepWaiting: "Wenn Sie weiter warten möchten, schließen Sie einfach diese Seite.",
    cancelledHeading: "Ihre wartenden Artikel sind storniert",
    cancelled: (order, product, units) => `${items(units)} „${product}“ aus Bestellung ${order} entfernt.`,
    refundDue: (amount, currency) => `Ihnen steht eine Erstattung von ${money("de")(amount, currency)} zu. Der Shop erstattet sie auf Ihre ursprüngliche Zahlungsart.`,
    alreadyCancelledHeading: "Diese Artikel sind bereits storniert",
    alreadyCancelled: (order) => `Die wartenden Artikel der Bestellung ${order} wurden bereits storniert. Es wurde nichts weiter geändert.`,
    noLongerWaitingHeading: "Diese Artikel warten nicht mehr",
    noLongerWaiting: (order) => `Die Artikel der Bestellung ${order} sind unterwegs oder versandbereit und können hier nicht mehr storniert werden. Wenden Sie sich bei Fragen an den Shop.`,
    expiredHeading: "Dieser Link ist abgelaufen",
    expired: "Stornierungslinks gelten nur begrenzte Zeit. Wenden Sie sich an den Shop, um Ihre wartenden Artikel zu stornieren. Es wurde nichts geändert.",
    invalidHeading: "Dieser Link funktioniert nicht",
    invalid: "Prüfen Sie, ob Sie den vollständigen Link aus Ihrer E-Mail geöffnet haben. Es wurde nichts geändert.",
    notEditableHeading: "Diese Artikel können nicht online storniert werden",
    notEditable: "Wenden Sie sich an den Shop, um sie zu stornieren. Es wurde nichts geändert.",
    unavailableHeading: "Stornieren ist gerade nicht möglich",
    unavailable: "Versuchen Sie es später noch einmal oder wenden Sie sich an den Shop. Es wurde nichts geändert.",
  };
};

const es = (): CancelPageWords => {
  const items = itemsIn("es", { one: "# artículo", other: "# artículos" });
  return {
    title: "Cancelar artículos pendientes",
    confirmHeading: "¿Cancelar tus artículos pendientes?",
    waiting: (order, product, units) => `Pedido ${order}: ${items(units)} de ${product} todavía esperando stock.`,
    confirmExplain: "Si cancelas, estos artículos se quitan de tu pedido y se te reembolsan. El resto de tu pedido no cambia.",
    confirmButton: "Cancelar estos artículos",
    keepWaiting: "Para seguir esperando, simplemente cierra esta página.",
    cancelledHeading: "Tus artículos pendientes están cancelados",
    cancelled: (order, product, units) => `${items(units)} de ${product} quitado${units > 1 ? "s" : ""} del pedido ${order}.`,
    refundDue: (amount, currency) => `Se te debe un reembolso de ${money("es")(amount, currency)}. La tienda lo hace a tu método de pago original.`,
    alreadyCancelledHeading: "Estos artículos ya están cancelados",
    alreadyCancelled: (order) => `Los artículos pendientes del pedido ${order} ya se cancelaron. No se cambió nada más.`,
    noLongerWaitingHeading: "Estos artículos ya no están pendientes",
    noLongerWaiting: (order) => `Los artículos del pedido ${order} están en camino o listos para enviarse, así que ya no se pueden cancelar aquí. Contacta con la tienda si necesitas ayuda.`,
    expiredHeading: "Este enlace ha caducado",
    expired: "Los enlaces de cancelación funcionan durante un tiempo limitado. Contacta con la tienda para cancelar tus artículos pendientes. No se cambió nada.",
    invalidHeading: "Este enlace no funciona",
    invalid: "Comprueba que abriste el enlace completo de tu correo. No se cambió nada.",
    notEditableHeading: "Estos artículos no se pueden cancelar en línea",
    notEditable: "Contacta con la tienda para cancelarlos. No se cambió nada.",
    unavailableHeading: "La cancelación no está disponible ahora",
    unavailable: "Inténtalo más tarde o contacta con la tienda. No se cambió nada.",
  };
};

const WORDS: Record<CustomerLocale, () => CancelPageWords> = { en, fr, de, es };

export function cancelPageWords(locale: CustomerLocale): CancelPageWords {
  return WORDS[locale]();
}
