/** The API's address of one campaign; the id is encoded as it goes into the path. */
export const campaignPath = (id: string): string => `/api/campaigns/${encodeURIComponent(id)}`;
