import fs from 'node:fs/promises';
import path from 'node:path';
import { parse } from 'csv-parse/sync';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { deliveryCommand } from '../server/cli/delivery-command.ts';
import { formatDemoLinks } from '../server/cli/format-demo-links.ts';
import { writeCampaignFiles } from '../server/publish/write-campaign-files.ts';
import { getCampaign } from '../server/store/campaigns.ts';
import { envKey, openInbox, today, type Inbox, type Listed } from './helpers/open-inbox.ts';
import { storeBackends } from './helpers/store-backends.ts';

// A debtor who claims to have paid, or disputes, is held out of links.csv and the delivery kit
// until an operator releases the hold.
describe.each(storeBackends)('holds from the operator inbox on $name', (backend) => {
  let inbox: Inbox;

  beforeAll(async () => {
    inbox = await openInbox({ backend });
    // The operator has handled the claim (with the server's own key): handling alone releases no hold.
    const [claim] = (await inbox.list('?kind=paid')).responses;
    const handled = await inbox.app.inject({
      method: 'POST',
      url: `/api/campaigns/inbox/responses/${claim!.id}/handle`,
      headers: inbox.as(envKey),
    });
    expect(handled.json().response).toMatchObject({ status: 'handled', handledBy: { name: null, key: 'env key' } });
  }, 120_000);

  afterAll(async () => {
    await inbox?.close();
  });

  it('holds the claimant and the disputer in links.csv (API and file) and in the delivery kit; others get no hold', async () => {
    const { app, as, db, recipients, recordOf, temp } = inbox;
    const held = { [recordOf(0)]: 'paid_claim', [recordOf(1)]: 'dispute' };
    const expectHolds = (rows: Record<string, string>[]) => {
      expect(rows.map((row) => row.id)).toEqual(recipients.map((recipient) => recipient.recordId));
      for (const row of rows) expect([row.id, row.hold]).toEqual([row.id, held[row.id!] ?? '']);
    };
    const exported = await app.inject({ method: 'GET', url: '/api/campaigns/inbox/links.csv', headers: as(envKey) });
    expect(exported.body.split('\n')[0]).toBe('id,url,hold');
    expectHolds(parse(exported.body, { columns: true }));
    // kindly demo prints the file as id, URL and any hold.
    const printed = formatDemoLinks({ csv: exported.body });
    expect(printed[0]).toMatch(
      new RegExp(`^  ${recordOf(0)}  https://pages\\.example\\.com/r/[\\w-]+/  \\(hold: paid_claim\\)$`),
    );
    expect(printed[3]).toMatch(new RegExp(`^  ${recordOf(3)}  https://pages\\.example\\.com/r/[\\w-]+/$`));

    const files = await writeCampaignFiles({ db, campaign: await getCampaign({ db, id: 'inbox' }), outDir: temp.dir });
    const written = await fs.readFile(files.links, 'utf8');
    expect(written).toBe(exported.body);

    const kitCsv = await app.inject({ method: 'GET', url: '/api/campaigns/inbox/delivery.csv', headers: as(envKey) });
    const kitRows = parse(kitCsv.body, { columns: true }) as Record<string, string>[];
    expectHolds(kitRows);
    for (const row of kitRows.filter((item) => item.hold))
      expect([row.email, row.phone, row.url, row.email_html, row.sms_text]).toEqual(['', '', '', '', '']);
    expect(kitRows.find((row) => row.id === recordOf(2))?.sms_text).toContain('https://pages.example.com/r/');

    const kitJson = await app.inject({ method: 'GET', url: '/api/campaigns/inbox/delivery.json', headers: as(envKey) });
    const kit = kitJson.json() as { recipients: Record<string, unknown>[] };
    expect(kit.recipients.find((entry) => entry.id === recordOf(0))).toEqual({ id: recordOf(0), hold: 'paid_claim' });
    expect(kit.recipients.find((entry) => entry.id === recordOf(3))).toMatchObject({
      hold: '',
      url: expect.stringMatching(/^https:\/\/pages\.example\.com\/r\//),
    });

    const lines: string[] = [];
    const out = path.join(temp.dir, 'kit.csv');
    await deliveryCommand({
      campaignId: 'inbox',
      format: 'csv',
      out,
      store: { kind: 'store', db },
      log: (line) => lines.push(line),
    });
    expectHolds(parse(await fs.readFile(out, 'utf8'), { columns: true }));
    expect(lines).toEqual([
      `Delivery kit of inbox: ${recipients.length} recipient(s) (published, not opted out) written to ${out}`,
      '2 of them held (hold: paid_claim or dispute): nothing to send them until an operator releases the hold ("Release hold" in the dashboard inbox, or POST /api/campaigns/inbox/responses/<id>/release)',
    ]);
  });

  it('keeps a handled claim holding until an operator releases it, then the recipient is sendable again; a new claim holds again', async () => {
    const { app, as, db, desk, list, postFromPage, recipients, recordOf, temp } = inbox;
    const holdOf = async (recordId: string) => {
      const links = parse(
        (await app.inject({ method: 'GET', url: '/api/campaigns/inbox/links.csv', headers: as(envKey) })).body,
        { columns: true },
      ) as Record<string, string>[];
      const files = await writeCampaignFiles({
        db,
        campaign: await getCampaign({ db, id: 'inbox' }),
        outDir: temp.dir,
      });
      const written = parse(await fs.readFile(files.links, 'utf8'), { columns: true }) as Record<string, string>[];
      const kit = parse(
        (await app.inject({ method: 'GET', url: '/api/campaigns/inbox/delivery.csv', headers: as(envKey) })).body,
        { columns: true },
      ) as Record<string, string>[];
      const row = kit.find((item) => item.id === recordId)!;
      return {
        links: links.find((item) => item.id === recordId)?.hold,
        file: written.find((item) => item.id === recordId)?.hold,
        kit: row.hold,
        sendable: row.url !== '' && row.sms_text !== '',
      };
    };
    const release = (id: number, key: string, payload?: object) =>
      app.inject({ method: 'POST', url: `/api/campaigns/inbox/responses/${id}/release`, headers: as(key), payload });

    // The claim was marked handled before: it still holds.
    const [claim] = (await list('?kind=paid')).responses;
    expect(claim).toMatchObject({
      recordId: recordOf(0),
      status: 'handled',
      holdReleasedBy: null,
      holdReleasedAt: null,
    });
    expect(await holdOf(recordOf(0))).toEqual({
      links: 'paid_claim',
      file: 'paid_claim',
      kit: 'paid_claim',
      sendable: false,
    });

    const before = Date.now();
    const released = await release(claim!.id, desk.key, { by: 'Marco Bianchi' });
    expect(released.statusCode).toBe(200);
    const { response } = released.json() as { response: Listed };
    expect(response).toMatchObject({
      id: claim!.id,
      status: 'handled',
      holdReleasedBy: { name: 'Marco Bianchi', key: `ops desk (${desk.id})` },
    });
    expect(Date.parse(response.holdReleasedAt!)).toBeGreaterThanOrEqual(before - 1000);
    expect(await holdOf(recordOf(0))).toEqual({ links: '', file: '', kit: '', sendable: true });
    // The disputer is still held.
    expect((await holdOf(recordOf(1))).links).toBe('dispute');

    // A second release keeps who released it first; the list and the CSV show it.
    const again = await release(claim!.id, envKey);
    expect(again.json().response).toMatchObject({
      holdReleasedBy: { name: 'Marco Bianchi', key: `ops desk (${desk.id})` },
      holdReleasedAt: response.holdReleasedAt,
    });
    expect((await list('?kind=paid')).responses[0]).toMatchObject({
      holdReleasedBy: { name: 'Marco Bianchi', key: `ops desk (${desk.id})` },
      holdReleasedAt: response.holdReleasedAt,
    });
    const csv = parse(
      (await app.inject({ method: 'GET', url: '/api/campaigns/inbox/responses.csv?kind=paid', headers: as(envKey) }))
        .body,
      { columns: true },
    ) as Record<string, string>[];
    expect(csv.map((row) => [row.id, row.hold_released_by, row.hold_released_key, row.hold_released_at])).toEqual([
      [String(claim!.id), 'Marco Bianchi', `ops desk (${desk.id})`, response.holdReleasedAt],
    ]);

    // A call-back holds nothing: releasing it is refused with the fix; an unknown id is not found.
    const [callback] = (await list('?kind=callback')).responses;
    const refused = await release(callback!.id, envKey);
    expect(refused.statusCode).toBe(400);
    expect(`${refused.json().error} ${refused.json().fix}`).toMatch(
      /holds nothing to release.*Release the paid or dispute response/,
    );
    expect((await release(999999, envKey)).statusCode).toBe(404);
    expect(
      (await app.inject({ method: 'POST', url: `/api/campaigns/inbox/responses/${claim!.id}/release` })).statusCode,
    ).toBe(401);

    // The debtor claims again: held again until that claim is released too.
    expect(
      (await postFromPage(`/t/f/${recipients[0]!.token}/paid`, { paidOn: today, reference: 'BONIFICO 78' })).statusCode,
    ).toBe(201);
    expect(await holdOf(recordOf(0))).toEqual({
      links: 'paid_claim',
      file: 'paid_claim',
      kit: 'paid_claim',
      sendable: false,
    });
    const [second] = (await list('?kind=paid')).responses;
    expect(second).toMatchObject({ recordId: recordOf(0), status: 'open', holdReleasedAt: null });
    expect((await release(second!.id, envKey)).json().response).toMatchObject({
      holdReleasedBy: { name: null, key: 'env key' },
    });
    expect(await holdOf(recordOf(0))).toEqual({ links: '', file: '', kit: '', sendable: true });
  });
});
