import type { FormCopy } from '../../../templates/interactive/form-copy.ts';
import type { InteractiveCopy } from '../../../templates/interactive/interactive-copy.ts';
import type { SurveySpec } from '../../../templates/interactive/interactive-types.ts';
import { el, field } from '../../shared/dom.ts';
import { describeRefusal } from './form-messages.ts';
import { postJson } from './post-json.ts';

/**
 * The one-question survey: hidden until a call to action is done or the video ends (as the
 * template says), then a radio scale, an optional comment and Send. Shown once.
 */
export function makeSurvey(options: {
  spec: SurveySpec;
  copy: InteractiveCopy;
  formCopy: FormCopy;
  endpoint: string;
}): { element: HTMLElement; show: (after: 'cta' | 'end') => void } {
  const { spec, copy } = options;
  const [low, high] = spec.scale === '0-10' ? [0, 10] : [1, 5];
  const scores = Array.from({ length: high - low + 1 }, (_, index) => low + index);
  const status = el('p', { class: 'form-status', role: 'status', 'aria-live': 'polite' });
  const scale = el(
    'fieldset',
    { class: 'scale' },
    el('legend', { id: 'survey-question' }, copy.surveyQuestion),
    el(
      'p',
      { class: 'scale-ends', 'aria-hidden': 'true' },
      el('span', {}, `${low} ${copy.surveyLow}`),
      el('span', {}, `${high} ${copy.surveyHigh}`),
    ),
    el(
      'div',
      { class: 'scale-options' },
      ...scores.map((score) => {
        const label =
          score === low
            ? `${score} (${copy.surveyLow})`
            : score === high
              ? `${score} (${copy.surveyHigh})`
              : String(score);
        return el(
          'label',
          { class: 'score' },
          el('input', { type: 'radio', name: 'score', value: String(score), required: true, 'aria-label': label }),
          el('span', { 'aria-hidden': 'true' }, String(score)),
        );
      }),
    ),
  );
  const form = el(
    'form',
    { novalidate: true },
    scale,
    field({
      id: 'survey-comment',
      label: copy.surveyComment,
      control: el('textarea', { name: 'comment', rows: '3', maxlength: '1000' }),
    }),
    el('button', { class: 'button primary', type: 'submit' }, copy.send),
  );
  const element = el(
    'section',
    { id: 'survey', class: 'card survey', 'aria-labelledby': 'survey-question', hidden: true },
    form,
    status,
  );
  let shownAfter: 'cta' | 'end' | undefined;
  form.addEventListener('submit', (event) => {
    event.preventDefault();
    const checked = form.querySelector<HTMLInputElement>('input[name="score"]:checked');
    if (!checked) return form.querySelector<HTMLInputElement>('input[name="score"]')?.focus();
    const comment = (form.elements.namedItem('comment') as HTMLTextAreaElement).value.trim();
    void postJson(options.endpoint, { score: Number(checked.value), comment: comment || undefined, shownAfter }).then(
      (response) => {
        if (!response.ok)
          return void (status.textContent = describeRefusal({
            answer: response,
            copy: options.formCopy,
            fields: [],
          }).message);
        form.hidden = true;
        status.textContent = copy.surveyThanks;
      },
    );
  });
  const show = (after: 'cta' | 'end') => {
    if (shownAfter || !spec.showAfter.includes(after)) return;
    shownAfter = after;
    element.hidden = false;
  };
  return { element, show };
}
