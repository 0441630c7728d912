import type { PageProps } from './page-props.ts';
import { LivePlayerSlot } from './LivePlayerSlot.tsx';
import { PrivatePageMeta } from './PrivatePageMeta.tsx';

/**
 * The standard personal page: video with captions, the facts of the debt, Pay now and the plan
 * invitation, and an opt-out. Server-rendered to static HTML; React escapes every record value.
 */
export function StandardPage(props: PageProps) {
  const { copy } = props;
  return (
    <html lang={props.lang}>
      <head>
        <PrivatePageMeta />
        <meta httpEquiv="Content-Security-Policy" content={props.contentSecurityPolicy} />
        <title>{copy.pageTitle}</title>
        <link rel="stylesheet" href={props.assets.css} />
        {props.assets.brand ? <link rel="stylesheet" href={props.assets.brand} /> : null}
        {props.assets.cjkFonts ? <link rel="stylesheet" href={props.assets.cjkFonts} /> : null}
        <script src={props.assets.script} defer />
        {props.live ? <script src={props.live.bundle} defer /> : null}
        {props.live ? <script src={props.live.mount} defer /> : null}
      </head>
      <body data-token={props.token} data-track={props.links.track}>
        <main className="page">
          <header className="brand">
            {props.assets.logo ? <img src={props.assets.logo} alt="" width={40} height={40} /> : null}
            <span>{copy.pageTitle}</span>
          </header>
          <h1>{props.greeting}</h1>
          {props.live ? <LivePlayerSlot live={props.live} label={copy.videoLabel} /> : null}
          {props.media.video ? (
            <video className="video" controls playsInline preload="metadata" poster={props.media.poster} aria-label={copy.videoLabel} data-live-fallback={props.live ? '' : undefined}>
              <source src={props.media.video} type="video/mp4" />
              <track kind="captions" src={props.media.captions} srcLang={props.lang} label={copy.captionsLabel} default />
            </video>
          ) : (
            <img className="video" src={props.media.poster} alt={copy.videoLabel} data-live-fallback="" />
          )}
          {props.live && props.media.video ? (
            <a className="download" href={props.media.video} download hidden data-live-download="">
              {copy.downloadVideo}
            </a>
          ) : null}
          <section className="facts" aria-labelledby="facts-heading">
            <h2 id="facts-heading">{copy.detailsHeading}</h2>
            <dl>
              <div>
                <dt>{copy.amountLabel}</dt>
                <dd className="amount">{props.facts.amount}</dd>
              </div>
              <div>
                <dt>{copy.dueLabel}</dt>
                <dd>{props.facts.dueDate}</dd>
              </div>
              <div>
                <dt>{copy.invoiceLabel}</dt>
                <dd>{props.facts.invoice}</dd>
              </div>
            </dl>
          </section>
          <a className="button primary" href={props.links.pay} data-cta="pay" rel="noreferrer">
            {copy.payNow}
          </a>
          {props.payProvider ? <p className="pay-provider">{props.payProvider}</p> : null}
          {props.links.plan ? (
            <section className="plan">
              <p>{copy.planLead}</p>
              <a className="button" href={props.links.plan} data-cta="plan" rel="noreferrer">
                {copy.choosePlan}
              </a>
            </section>
          ) : null}
          <footer>
            <p>{copy.footer}</p>
            <a href={props.links.optOut} rel="noreferrer">
              {copy.optOut}
            </a>
          </footer>
        </main>
      </body>
    </html>
  );
}
