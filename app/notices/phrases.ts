/**
 * What the notices say to customers, in their language. Customer-facing, so not in the admin's
 * strings.ts: each phrase is filled with the facts of the line (plain text; the templates escape
 * it). The templates show them as `{{ t.name }}`; a merchant may write their own words instead.
 */
import type { NoticeLocale } from "../domain/notices";
import { formatNumber } from "../i18n/format";

export interface NoticeFacts {
  customerName: string | null;
  orderName: string;
  title: string;
  units: number;
  /** Formatted in the customer's language; null when no date is known. */
  shipsOn: string | null;
  previousShipsOn: string | null;
  shopName: string;
}

/** Why a date moved, as the engine records it; an unknown cause is not told. */
export const DATE_CHANGE_REASONS = ["shipment_late", "partly_received", "merchant_changed_date", "queue_moved"] as const;
export type DateChangeReason = (typeof DATE_CHANGE_REASONS)[number];

type Phrases = {
  greeting: (f: NoticeFacts) => string;
  confirmationSubject: (f: NoticeFacts) => string;
  confirmationWaiting: (f: NoticeFacts) => string;
  confirmationDate: (f: NoticeFacts) => string;
  confirmationNoDate: string;
  restShipsNow: string;
  newDateSubject: (f: NoticeFacts) => string;
  newDate: (f: NoticeFacts) => string;
  reasons: Record<DateChangeReason, string>;
  cancelOffer: string;
  cancelLink: string;
  apology: string;
  thanks: string;
};

const items = (f: NoticeFacts, locale: NoticeLocale) => `${formatNumber(f.units, locale)} × ${f.title}`;

const en: Phrases = {
  greeting: (f) => (f.customerName ? `Hello ${f.customerName},` : "Hello,"),
  confirmationSubject: (f) => `Order ${f.orderName}: ${f.title} is on back-order`,
  confirmationWaiting: (f) => `${items(f, "en")} from your order ${f.orderName} is on back-order: we are waiting for new stock.`,
  confirmationDate: (f) => `We expect to ship it by ${f.shipsOn}.`,
  confirmationNoDate: "We will write to you as soon as we know when it ships.",
  restShipsNow: "The rest of your order ships now.",
  newDateSubject: (f) => `Order ${f.orderName}: a new date for ${f.title}`,
  newDate: (f) => `${items(f, "en")} from your order ${f.orderName} will ship later than we said: by ${f.shipsOn} instead of ${f.previousShipsOn}.`,
  reasons: {
    shipment_late: "Our supplier's delivery is late.",
    partly_received: "Only part of the delivery we expected has arrived.",
    merchant_changed_date: "Our supplier gave us a new date.",
    queue_moved: "Orders ahead of yours needed the stock that arrived.",
  },
  cancelOffer: "If you would rather not wait, you can cancel the back-ordered items:",
  cancelLink: "cancel these items",
  apology: "We are sorry for the wait.",
  thanks: "Thank you,",
};

const fr: Phrases = {
  greeting: (f) => (f.customerName ? `Bonjour ${f.customerName},` : "Bonjour,"),
  confirmationSubject: (f) => `Commande ${f.orderName} : ${f.title} est en réapprovisionnement`,
  confirmationWaiting: (f) => `${items(f, "fr")} de votre commande ${f.orderName} est en réapprovisionnement : nous attendons du nouveau stock.`,
  confirmationDate: (f) => `Nous prévoyons de l'expédier d'ici le ${f.shipsOn}.`,
  confirmationNoDate: "Nous vous écrirons dès que nous saurons quand il sera expédié.",
  restShipsNow: "Le reste de votre commande est expédié dès maintenant.",
  newDateSubject: (f) => `Commande ${f.orderName} : nouvelle date pour ${f.title}`,
  newDate: (f) => `${items(f, "fr")} de votre commande ${f.orderName} sera expédié plus tard que prévu : d'ici le ${f.shipsOn} au lieu du ${f.previousShipsOn}.`,
  reasons: {
    shipment_late: "La livraison de notre fournisseur est en retard.",
    partly_received: "Seule une partie de la livraison attendue est arrivée.",
    merchant_changed_date: "Notre fournisseur nous a donné une nouvelle date.",
    queue_moved: "Des commandes passées avant la vôtre ont reçu le stock arrivé.",
  },
  cancelOffer: "Si vous préférez ne pas attendre, vous pouvez annuler les articles en attente :",
  cancelLink: "annuler ces articles",
  apology: "Nous sommes désolés pour cette attente.",
  thanks: "Merci,",
};

const de: Phrases = {
  greeting: (f) => (f.customerName ? `Hallo ${f.customerName},` : "Hallo,"),
  confirmationSubject: (f) => `Bestellung ${f.orderName}: ${f.title} ist nachbestellt`,
  confirmationWaiting: (f) => `${items(f, "de")} aus Ihrer Bestellung ${f.orderName} ist nachbestellt: Wir warten auf neue Ware.`,
  confirmationDate: (f) => `Wir rechnen mit dem Versand bis zum ${f.shipsOn}.`,
  confirmationNoDate: "Wir schreiben Ihnen, sobald wir wissen, wann es versandt wird.",
  restShipsNow: "Der Rest Ihrer Bestellung wird jetzt versandt.",
  newDateSubject: (f) => `Bestellung ${f.orderName}: neuer Termin für ${f.title}`,
  newDate: (f) => `${items(f, "de")} aus Ihrer Bestellung ${f.orderName} wird später versandt als angekündigt: bis zum ${f.shipsOn} statt bis zum ${f.previousShipsOn}.`,
  reasons: {
    shipment_late: "Die Lieferung unseres Lieferanten verspätet sich.",
    partly_received: "Nur ein Teil der erwarteten Lieferung ist angekommen.",
    merchant_changed_date: "Unser Lieferant hat uns einen neuen Termin genannt.",
    queue_moved: "Frühere Bestellungen haben die eingetroffene Ware erhalten.",
  },
  cancelOffer: "Wenn Sie nicht warten möchten, können Sie die nachbestellten Artikel stornieren:",
  cancelLink: "diese Artikel stornieren",
  apology: "Wir bitten um Entschuldigung für die Wartezeit.",
  thanks: "Vielen Dank,",
};

const es: Phrases = {
  greeting: (f) => (f.customerName ? `Hola, ${f.customerName}:` : "Hola:"),
  confirmationSubject: (f) => `Pedido ${f.orderName}: ${f.title} está en espera de stock`,
  confirmationWaiting: (f) => `${items(f, "es")} de tu pedido ${f.orderName} está en espera de stock: estamos esperando nuevas existencias.`,
  confirmationDate: (f) => `Prevemos enviarlo antes del ${f.shipsOn}.`,
  confirmationNoDate: "Te escribiremos en cuanto sepamos cuándo se envía.",
  restShipsNow: "El resto de tu pedido se envía ahora.",
  newDateSubject: (f) => `Pedido ${f.orderName}: nueva fecha para ${f.title}`,
  newDate: (f) => `${items(f, "es")} de tu pedido ${f.orderName} se enviará más tarde de lo previsto: antes del ${f.shipsOn} en lugar del ${f.previousShipsOn}.`,
  reasons: {
    shipment_late: "La entrega de nuestro proveedor llega con retraso.",
    partly_received: "Solo ha llegado una parte de la entrega prevista.",
    merchant_changed_date: "Nuestro proveedor nos ha dado una nueva fecha.",
    queue_moved: "Los pedidos anteriores al tuyo recibieron el stock que llegó.",
  },
  cancelOffer: "Si prefieres no esperar, puedes cancelar los artículos en espera:",
  cancelLink: "cancelar estos artículos",
  apology: "Sentimos la espera.",
  thanks: "Gracias,",
};

const PHRASES: Record<NoticeLocale, Phrases> = { en, fr, de, es };

const isReason = (value: string | null): value is DateChangeReason => value !== null && (DATE_CHANGE_REASONS as readonly string[]).includes(value);

/** The phrases the templates read as `t`, filled with the line's facts, in the customer's language. */
export function phrasesFor(locale: NoticeLocale, facts: NoticeFacts, reason: string | null): Record<string, string> {
  const p = PHRASES[locale];
  return {
    greeting: p.greeting(facts),
    confirmation_subject: p.confirmationSubject(facts),
    confirmation_waiting: p.confirmationWaiting(facts),
    confirmation_date: facts.shipsOn ? p.confirmationDate(facts) : p.confirmationNoDate,
    rest_ships_now: p.restShipsNow,
    new_date_subject: p.newDateSubject(facts),
    new_date: p.newDate(facts),
    reason: isReason(reason) ? p.reasons[reason] : "",
    cancel_offer: p.cancelOffer,
    cancel_link: p.cancelLink,
    apology: p.apology,
    thanks: p.thanks,
  };
}
