import type { PageData, PageHotspot, PersonalPayload } from '../../../templates/interactive/personal-payload.ts';
import { makeChapters } from './chapters.ts';
import { byId, el } from '../../shared/dom.ts';
import { makePaidClaim, payingActions } from './paid-claim.ts';
import { makePlanSelector } from './plan-selector.ts';
import { makeResponseForms } from './response-forms.ts';
import { sendEvent } from '../../shared/send-event.ts';
import { makeSurvey } from './survey.ts';
import { playStream } from './play-stream.ts';
import { attachHotspots } from './video-hotspots.ts';

/**
 * Renders the opened personal part into the page shell: greeting, video (with captions,
 * hotspots and chapters), facts, Pay now, plans, the self-service forms and the survey. Every
 * record value is set as text.
 */
export function renderPage(options: {
  payload: PersonalPayload;
  data: PageData;
  token: string;
  status: HTMLElement;
}): void {
  const { payload, data, token, status } = options;
  const { content, page } = payload;
  const { copy } = content;
  const announce = (text: string) => (status.textContent = text);
  const track = (type: string, detail?: Record<string, unknown>) =>
    sendEvent({ track: data.links.track, token, type, detail });

  byId('greeting').textContent = content.greeting;
  const video = document.querySelector<HTMLVideoElement>('#personal video');
  if (!video) throw new Error('the page has no video');
  video.setAttribute('aria-label', copy.videoLabel);
  // Media names come from the sealed part: behind a gate, the static page cannot name them.
  const { media } = payload;
  video.poster = media.poster;
  if (media.video) {
    const captions = el('track', {
      kind: 'captions',
      src: media.captions,
      srclang: page.locale,
      label: media.captionsLanguage,
      default: true,
    });
    video.preload = 'metadata';
    // A stream carries the captions as its subtitles rendition: playStream adds the track only where no player shows that.
    if (media.hls) playStream({ video, src: media.video, script: data.hlsScript, captions });
    else {
      video.append(captions);
      video.src = media.video;
    }
    document
      .querySelectorAll<HTMLAnchorElement>('a[data-live-download]')
      .forEach((link) => (link.href = media.video ?? ''));
  } else {
    // Live playback: no MP4 exists (and nothing to caption: the player shows its own captions). Where the player cannot run, the poster stands as a still picture, without a play button that plays nothing.
    video.controls = false;
  }

  const survey =
    page.survey &&
    makeSurvey({ spec: page.survey, copy: page.copy, formCopy: page.formCopy, endpoint: data.links.survey });
  const plans = makePlanSelector({ payload, payUrl: data.links.pay });
  const payNow = el(
    'a',
    { class: 'button primary', href: data.links.pay, 'data-cta': 'pay', rel: 'noreferrer' },
    copy.payNow,
  );
  const paidClaim = makePaidClaim({ token, copy: page.formCopy, payUrl: data.links.pay, payNow, plans });
  const phone = typeof payload.record.phone === 'string' ? payload.record.phone : undefined;
  const forms = makeResponseForms({
    copy: page.copy,
    formCopy: page.formCopy,
    endpoint: data.links.forms,
    phone,
    onSent: (kind) => {
      if (kind === 'paid') paidClaim.claim();
      survey?.show('cta');
    },
  });
  video.addEventListener('ended', () => survey?.show('end'));

  const onAction = (hotspot: PageHotspot) => {
    track('click_hotspot', { hotspot: hotspot.id, action: hotspot.action });
    if (hotspot.action === 'pay') return window.location.assign(data.links.pay);
    if (hotspot.action === 'scene' && hotspot.seekTo !== undefined) {
      video.currentTime = hotspot.seekTo;
      return void video.play().catch(() => {});
    }
    if (hotspot.action === 'invoice') return;
    video.pause();
    if (hotspot.action === 'plan') {
      plans.scrollIntoView({ block: 'start' });
      return plans.focus();
    }
    const callback = forms.find((form) => form.id === 'form-callback');
    if (!callback) return;
    callback.open = true;
    callback.scrollIntoView({ block: 'start' });
    callback.querySelector<HTMLInputElement>('input')?.focus();
  };
  const layer = document.querySelector<HTMLElement>('#personal .hotspots');
  if (layer) {
    layer.setAttribute('aria-label', page.copy.hotspotsLabel);
    // Once the debtor says they paid, buttons asking for money are neither shown nor announced.
    const paying = (hotspot: PageHotspot) => payingActions.has(hotspot.action);
    const payingLabels = new Set(page.hotspots.filter(paying).map((hotspot) => hotspot.label));
    const hotspots = paidClaim.claimed() ? page.hotspots.filter((hotspot) => !paying(hotspot)) : page.hotspots;
    const announceUnlessPaid = (text: string) =>
      paidClaim.claimed() && payingLabels.has(text) ? undefined : announce(text);
    attachHotspots({ video, layer, hotspots, invoiceUrl: page.invoiceUrl, announce: announceUnlessPaid, onAction });
  }

  const facts = el(
    'section',
    { class: 'card facts', 'aria-labelledby': 'facts-heading' },
    el('h2', { id: 'facts-heading' }, copy.detailsHeading),
    el(
      'dl',
      {},
      el('div', {}, el('dt', {}, copy.amountLabel), el('dd', { class: 'amount' }, content.facts.amount)),
      el('div', {}, el('dt', {}, copy.dueLabel), el('dd', {}, content.facts.dueDate)),
      el('div', {}, el('dt', {}, copy.invoiceLabel), el('dd', {}, content.facts.invoice)),
    ),
    page.invoiceUrl
      ? el(
          'a',
          { class: 'invoice-link', href: page.invoiceUrl, target: '_blank', rel: 'noreferrer' },
          page.copy.openInvoice,
        )
      : undefined,
  );
  byId('personal-sections').append(
    ...[makeChapters({ video, page }), facts, payNow, paidClaim.element, plans, ...forms, survey?.element].filter(
      (part): part is HTMLElement => Boolean(part),
    ),
  );
  byId('personal').hidden = false;
  status.textContent = '';
  // From now on the status region only speaks to screen readers (hotspots appearing).
  status.classList.add('visually-hidden');
}
