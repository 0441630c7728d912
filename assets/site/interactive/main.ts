// The personal page's script: opens the sealed personal part (behind the privacy gate if the
// campaign has one), renders it and announces it to the rest of the page.
import type { PageData, PersonalPayload } from '../../../templates/interactive/personal-payload.ts';
import { byId } from '../../shared/dom.ts';
import { openPage } from './open-page.ts';
import { renderPage } from './render-page.ts';

declare global {
  interface Window {
    kindlyPersonal?: PersonalPayload;
  }
}

async function start(): Promise<void> {
  const data = JSON.parse(byId('kindly-page').textContent ?? '') as PageData;
  const token = document.body.dataset.token ?? '';
  const status = byId('page-status');
  const payload = await openPage({ data, token, status });
  renderPage({ payload, data, token, status });
  if (data.gate) byId('greeting').focus();
  window.kindlyPersonal = payload;
  document.dispatchEvent(new CustomEvent('kindly:personal', { detail: payload }));
}

void start();
