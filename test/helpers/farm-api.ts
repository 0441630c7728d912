import { expect } from 'vitest';

/** The operator's calls to a farm's `kindly serve` over HTTP, with an admin API key. */
export type FarmApi = {
  call: (method: string, url: string, body?: unknown) => Promise<{ status: number; json: Record<string, unknown> }>;
  /** A campaign of 20 debtors, started; `render: 'on-open'` publishes them live, each video rendered at its first view. */
  makeCampaign: (options: { id: string; namePrefix: string; render?: 'eager' | 'on-open' }) => Promise<void>;
};

/** Calls to the API at `baseUrl` with `apiKey`. */
export function makeFarmApi(options: { baseUrl: string; apiKey: string }): FarmApi {
  const { baseUrl, apiKey } = options;
  const call: FarmApi['call'] = async (method: string, url: string, body?: unknown) => {
    const response = await fetch(`${baseUrl}${url}`, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body && !(body instanceof FormData) ? { 'content-type': 'application/json' } : {}),
      },
      body: body instanceof FormData ? body : body ? JSON.stringify(body) : undefined,
    });
    return { status: response.status, json: (await response.json()) as Record<string, unknown> };
  };

  const makeCampaign: FarmApi['makeCampaign'] = async (campaign) => {
    const { id, namePrefix } = campaign;
    expect(
      (
        await call('POST', '/api/campaigns', {
          id,
          template: 'gentle-reminder',
          payUrl: 'https://pay.example.com/c',
          baseUrl: 'https://v.example.com',
          ...(campaign.render ? { render: campaign.render } : {}),
        })
      ).status,
    ).toBe(201);
    const rows = Array.from(
      { length: 20 },
      (_, index) =>
        `D${index + 1};${namePrefix} ${index + 1};${100 + index},00;15/03/2027;FT-${index + 1};${index % 2 ? 'en-GB' : 'it-IT'}`,
    );
    const form = new FormData();
    form.append(
      'file',
      new Blob([['id;name;amount;due_date;invoice;locale', ...rows].join('\n')], { type: 'text/csv' }),
      'debtors.csv',
    );
    expect((await call('POST', `/api/campaigns/${id}/records`, form)).json).toMatchObject({
      read: 20,
      accepted: 20,
      rejected: 0,
    });
    expect((await call('POST', `/api/campaigns/${id}/start`)).json).toMatchObject({ enqueued: 20 });
  };
  return { call, makeCampaign };
}
