import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../server/store/db.ts';
import { findColumnMapping, saveColumnMapping } from '../server/store/column-mappings.ts';
import { storeBackends } from './helpers/store-backends.ts';

describe.each(storeBackends)('saved column mappings on $name', (backend) => {
  let db: Db;
  let tearDown: () => Promise<void>;
  beforeAll(async () => ({ db, tearDown } = await backend.setUp()));
  afterAll(() => tearDown());

  it("keeps each template's latest mapping, column names as written", async () => {
    expect(await findColumnMapping({ db, templateId: 'gentle-reminder' })).toBeUndefined();
    await saveColumnMapping({ db, templateId: 'gentle-reminder', mapping: { id: 'Kunde', name: 'Full Name' } });
    const odd = { amount: 'Balance, "EUR"', name: "Naïve 名前 \\ 'quoted'" };
    await saveColumnMapping({ db, templateId: 'gentle-reminder', mapping: odd });
    await saveColumnMapping({ db, templateId: 'instalment-offer', mapping: { id: 'Ref' } });
    expect(await findColumnMapping({ db, templateId: 'gentle-reminder' })).toEqual(odd);
    expect(await findColumnMapping({ db, templateId: 'instalment-offer' })).toEqual({ id: 'Ref' });
  });
});
