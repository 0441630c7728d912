import { describe, expect, it } from 'vitest';
import { consoleActions, mayMove } from '../assets/admin/allowed-actions.ts';
import { findCampaignMove } from '../server/campaigns/campaign-moves.ts';
import { campaignStatuses } from '../server/store/campaigns.ts';

describe("the console's buttons", () => {
  it.each(campaignStatuses)('offer exactly the moves the state machine allows from %s', (status) => {
    for (const action of [...consoleActions, 'upload', 'rerender'] as const) {
      expect({ action, offered: mayMove({ status, action }) }).toEqual({
        action,
        offered: findCampaignMove({ status, action }) !== undefined,
      });
    }
  });
});
