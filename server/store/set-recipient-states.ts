import type { Queryable } from './db.ts';
import type { RecipientState } from './recipients.ts';

/**
 * Records many recipients' states in one statement (see setRecipientState). Returns the tokens
 * recorded: an erased recipient is left out, so the caller removes what was made for them.
 */
export async function setRecipientStates(options: {
  db: Queryable;
  states: readonly { token: string; state: RecipientState }[];
}): Promise<Set<string>> {
  if (options.states.length === 0) return new Set();
  const column = <T>(pick: (state: RecipientState) => T) => options.states.map(({ state }) => pick(state));
  const { rows } = await options.db.query<{ token: string }>(
    `update recipients set status = given.status, url = given.url, error = given.error, retryable = given.retryable, updated_at = now()
     from unnest($1::text[], $2::text[], $3::text[], $4::text[], $5::boolean[]) as given (token, status, url, error, retryable)
     where recipients.token = given.token and recipients.erased_at is null
     returning recipients.token`,
    [
      options.states.map(({ token }) => token),
      column((state) => state.status),
      column((state) => (state.status === 'published' ? state.url : null)),
      column((state) => (state.status === 'failed' ? state.error : null)),
      column((state) => (state.status === 'failed' ? state.retryable : true)),
    ],
  );
  return new Set(rows.map((row) => row.token));
}
