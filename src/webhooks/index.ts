/** Events out of the journal: the event feed, webhook endpoints and their delivery outbox. */
export {
  ATTEMPTS_MAX,
  type DispatchOptions,
  fillDeliveries,
  type PassResult,
  RETRY_DELAYS_MS,
  runWebhookDeliveries,
  startWebhookDispatcher,
} from './dispatcher.js';
export {
  createEndpoint,
  type DeliveryView,
  disableEndpoint,
  type EndpointView,
  endpointView,
  listDeliveries,
  listEndpoints,
  REPLAY_IDS_MAX,
  replayDeliveries,
} from './endpoints.js';
export { eventId, eventsOfEntry, type JournalRow, MALL_EVENT_TYPES, type MallEvent } from './events.js';
export { ENTRIES_PER_READ_MAX, type EventPage, readEventFeed } from './feed.js';
export { newWebhookSecret, webhookHeaders, webhookPayload } from './signing.js';
