import type { FastifyInstance } from 'fastify';
import { createElement } from 'react';
import { renderToStaticMarkup } from 'react-dom/server';
import { z } from 'zod';

const query = z.object({ ref: z.string().max(64).optional(), intent: z.enum(['pay', 'plan']).optional(), plan: z.string().max(4).optional() });

function DemoCheckout(props: { reference: string; intent: string; plan: string | undefined }) {
  return createElement(
    'html',
    { lang: 'en' },
    createElement('head', null, createElement('meta', { charSet: 'utf-8' }), createElement('meta', { name: 'viewport', content: 'width=device-width, initial-scale=1' }), createElement('title', null, 'Demo checkout')),
    createElement(
      'body',
      { style: { fontFamily: 'system-ui, sans-serif', margin: '2rem', color: '#10324a' } },
      createElement('h1', null, 'Demo checkout'),
      createElement('p', null, 'This stands in for the payment provider of a campaign started without --pay-url.'),
      createElement('p', null, 'Payment reference: ', createElement('code', { id: 'ref' }, props.reference)),
      createElement('p', null, 'Choice: ', createElement('strong', { id: 'intent' }, props.intent)),
      props.plan ? createElement('p', null, 'Months: ', createElement('strong', { id: 'plan' }, props.plan)) : null,
    ),
  );
}

/** A stand-in payment page, so the demo's Pay now lands somewhere real on a machine without internet. */
export function demoPayRoute(options: { path: string }) {
  return async function register(app: FastifyInstance) {
    app.get(options.path, async (request, reply) => {
      const params = query.parse(request.query);
      const html = renderToStaticMarkup(createElement(DemoCheckout, { reference: params.ref ?? '(none)', intent: params.intent ?? 'pay', plan: params.plan }));
      return reply.type('text/html; charset=utf-8').header('referrer-policy', 'no-referrer').send(`<!doctype html>${html}`);
    });
  };
}
