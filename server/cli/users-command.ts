import { NotFoundError } from '../errors.ts';
import type { Db } from '../store/db.ts';
import { disableUser, listUsers } from '../store/users.ts';
import { auditKeyChange } from './keys-command.ts';

/** `kindly users list`: every user with their role, when made, and whether disabled. */
export async function listUsersCommand(options: { db: Db; log: (line: string) => void }) {
  const users = await listUsers({ db: options.db });
  if (users.length === 0)
    return options.log('No users yet: `kindly keys create --name <user> --role <role>` makes one');
  for (const user of users)
    options.log(`${user.name}\t${user.role}\t${user.createdAt}${user.disabled ? '\tdisabled' : ''}`);
}

/** `kindly users disable <name>`: none of the user's keys is accepted any more. */
export async function disableUserCommand(options: { db: Db; name: string; log: (line: string) => void }) {
  const user = await options.db.transaction(async (tx) => {
    const disabled = await disableUser({ db: tx, name: options.name });
    if (disabled)
      await auditKeyChange({
        db: tx,
        action: 'user-disable',
        detail: `${disabled.id} ${disabled.name} (${disabled.role})`,
      });
    return disabled;
  });
  if (!user) {
    throw new NotFoundError({
      problem: 'No enabled user has this name',
      value: options.name,
      fix: 'Use a name printed by `kindly users list`',
    });
  }
  options.log(`Disabled ${user.name}: none of their keys is accepted any more`);
}
