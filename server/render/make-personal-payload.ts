import type { PlanRulesOverride } from '../../templates/interactive/plan-rules.ts';
import { getFormCopy } from '../../templates/interactive/form-copy.ts';
import { getPlanRules } from '../../templates/interactive/get-plan-rules.ts';
import { getInteractiveCopy } from '../../templates/interactive/interactive-copy.ts';
import type { PageHotspot, PayloadMedia, PersonalPayload } from '../../templates/interactive/personal-payload.ts';
import type { BaseRecord, TemplateDefinition } from '../../templates/template-definition.ts';

/**
 * The personal part of one recipient's page, before it is sealed: the record, its page content
 * and the template's hotspots, chapters, plan rules and survey in the recipient's language.
 * Plans read the record's `amount` (major units), `currency` and `due_date` fields. `media` names
 * the page's media files, relative to the page (the captions' label comes from the copy).
 */
export function makePersonalPayload(options: {
  template: TemplateDefinition;
  record: BaseRecord;
  planRules?: PlanRulesOverride;
  media?: Omit<PayloadMedia, 'captionsLanguage'>;
}): PersonalPayload {
  const { template, record } = options;
  const content = template.getPageContent(record);
  const copy = getInteractiveCopy(record.locale);
  const fields = record as BaseRecord & Record<string, unknown>;
  const invoiceUrl = typeof fields.invoice_url === 'string' ? fields.invoice_url : undefined;
  const seconds = (frame: number) => frame / template.fps;
  const chapters = (template.chapters ?? []).map((chapter) => ({
    id: chapter.id,
    from: seconds(chapter.fromFrame),
    title: chapter.title[record.locale] ?? Object.values(chapter.title)[0] ?? chapter.id,
  }));
  const labels = {
    pay: content.copy.payNow,
    plan: content.copy.choosePlan,
    callback: copy.callMeBack,
    invoice: copy.openInvoice,
  };
  const hotspots: PageHotspot[] = [];
  for (const hotspot of template.hotspots ?? []) {
    if (hotspot.action === 'invoice' && !invoiceUrl) continue;
    if (hotspot.action === 'plan' && !template.ctas.includes('plan')) continue;
    const scene =
      hotspot.action === 'scene' ? template.scenes.find((candidate) => candidate.id === hotspot.scene) : undefined;
    if (hotspot.action === 'scene' && !scene) continue;
    const label = scene
      ? (chapters.find((chapter) => chapter.id === scene.id)?.title ?? scene.id)
      : labels[hotspot.action as keyof typeof labels];
    hotspots.push({
      id: hotspot.id,
      action: hotspot.action,
      from: seconds(hotspot.fromFrame),
      to: seconds(hotspot.toFrame),
      untilEnd: hotspot.toFrame >= template.durationInFrames,
      label,
      seekTo: scene && seconds(scene.from),
    });
  }
  const media = options.media ?? { video: 'video.mp4', poster: 'poster.jpg', captions: 'captions.vtt' };
  return {
    record: fields,
    content,
    media: { ...media, captionsLanguage: content.copy.captionsLabel },
    page: {
      locale: record.locale,
      amount: typeof fields.amount === 'number' ? fields.amount : undefined,
      currency: typeof fields.currency === 'string' ? fields.currency : 'EUR',
      dueDate: typeof fields.due_date === 'string' ? fields.due_date : undefined,
      planRules: getPlanRules({ template, campaignRules: options.planRules }),
      hotspots,
      chapters,
      survey: template.survey,
      invoiceUrl,
      copy,
      formCopy: getFormCopy(record.locale),
    },
  };
}
