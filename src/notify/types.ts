/** Webhook settings and deliveries (docs/runs.md, "Notifications"). Plain data. */
export const NOTIFY_EVENTS = ['cheapest-changed', 'break-even-moved', 'run-failed'] as const;
export type NotifyEvent = (typeof NOTIFY_EVENTS)[number];

export interface NotifySettings {
  url: string;
  /** HMAC-SHA256 key; when set, each POST carries X-Breakeven-Signature. Never returned by the API. */
  secret: string | null;
  on: NotifyEvent[];
  /** break-even-moved fires when a break-even volume moves by at least this many percent. */
  breakEvenThresholdPercent: number;
}

export interface DeliveryAttempt {
  at: string;
  statusCode: number | null;
  error: string | null;
  ms: number;
}

export interface Delivery {
  id: string;
  scenarioId: string;
  runId: string | null;
  event: NotifyEvent;
  url: string;
  status: 'pending' | 'delivered' | 'failed';
  attempts: number;
  nextAttemptAt: string | null;
  lastStatusCode: number | null;
  lastError: string | null;
  attemptLog: DeliveryAttempt[];
  createdAt: string;
  deliveredAt: string | null;
}
