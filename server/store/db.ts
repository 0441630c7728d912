/** The little Kindly needs from a SQL database; PGlite (embedded) and PostgreSQL both provide it. */
export type Queryable = {
  query: <Row = Record<string, unknown>>(sql: string, params?: unknown[]) => Promise<{ rows: Row[] }>;
};

export type Db = Queryable & {
  /** Runs `work` in one transaction: all of it lands or none does. */
  transaction: <T>(work: (tx: Queryable) => Promise<T>) => Promise<T>;
  /** Runs several statements at once (migrations). */
  exec: (sql: string) => Promise<void>;
  close: () => Promise<void>;
  /**
   * Listens to a notification channel (PostgreSQL LISTEN/NOTIFY) until the returned function is
   * called. `onState(false)` says notifications may have been missed (the listening connection
   * was lost), `onState(true)` that they arrive again.
   */
  listen?: (options: {
    channel: string;
    onNotify: (payload: string) => void;
    onState: (listening: boolean) => void;
  }) => () => Promise<void>;
};
