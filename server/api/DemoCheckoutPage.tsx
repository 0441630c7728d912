import type { DemoCheckoutCopy } from './demo-checkout-copy.ts';

/** What the demo checkout shows: the amount to pay or the plan chosen, in the page's language, and the way back to the page. */
export type DemoCheckoutView = {
  lang: string;
  copy: DemoCheckoutCopy;
  intent: 'pay' | 'plan';
  reference: string;
  /** Absent for a reference Kindly does not know. */
  found?: {
    amountLabel: string;
    amount: string;
    plan?: { months: number; option: string; schedule: string };
    backUrl: string;
  };
};

/** The stand-in payment page of campaigns started without a pay URL. */
export function DemoCheckoutPage(props: DemoCheckoutView & { css: readonly string[] }) {
  const { copy, found } = props;
  return (
    <html lang={props.lang}>
      <head>
        <meta charSet="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{copy.title}</title>
        <link rel="icon" href="/favicon.ico" />
        {props.css.map((sheet) => (
          <link key={sheet} rel="stylesheet" href={sheet} />
        ))}
      </head>
      <body>
        <main className="page" data-intent={props.intent} data-plan={found?.plan?.months}>
          <h1>{copy.title}</h1>
          <p className="notice">{copy.lead}</p>
          <section className="card facts">
            {found ? (
              <dl>
                <div>
                  <dt>{found.amountLabel}</dt>
                  <dd className="amount">{found.amount}</dd>
                </div>
                {found.plan ? (
                  <div>
                    <dt>{copy.plan}</dt>
                    <dd>
                      {found.plan.option}
                      <br />
                      <span className="schedule">{found.plan.schedule}</span>
                    </dd>
                  </div>
                ) : null}
                <div>
                  <dt>{copy.reference}</dt>
                  <dd>
                    <code id="ref">{props.reference}</code>
                  </dd>
                </div>
              </dl>
            ) : (
              <p>{copy.unknown}</p>
            )}
          </section>
          {found ? (
            <a className="button primary" href={found.backUrl} rel="noreferrer">
              {copy.back}
            </a>
          ) : null}
        </main>
      </body>
    </html>
  );
}
