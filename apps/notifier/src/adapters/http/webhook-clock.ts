/** The clock the webhook controllers stamp facts with when the provider sends no time of its own. */
export const WEBHOOK_CLOCK = Symbol('WebhookClock');
