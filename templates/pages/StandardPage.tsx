import type { PageProps } from './page-props.ts';
import { LivePlayerSlot } from './LivePlayerSlot.tsx';
import { PrivatePageMeta } from './PrivatePageMeta.tsx';
import { TrustSection } from './TrustSection.tsx';

/**
 * The standard personal page. The static HTML is a neutral shell (brand, an optional privacy
 * gate, mount points, and in the footer who sends it and how to check it); the page's script
 * opens the sealed data block and renders the video with its hotspots and chapters, the facts,
 * the plan selector, the forms and the survey.
 */
export function StandardPage(props: PageProps) {
  const { shell } = props;
  return (
    <html lang={props.lang}>
      <head>
        <PrivatePageMeta />
        <meta httpEquiv="Content-Security-Policy" content={props.contentSecurityPolicy} />
        <title>{props.pageTitle}</title>
        {props.assets.favicon ? <link rel="icon" href={props.assets.favicon} /> : null}
        <link rel="stylesheet" href={props.assets.css} />
        {props.assets.brand ? <link rel="stylesheet" href={props.assets.brand} /> : null}
        {props.assets.cjkFonts ? <link rel="stylesheet" href={props.assets.cjkFonts} /> : null}
        {/* Data, not code: a JSON block never runs; its text is sealed and escaped for </script>. */}
        <script type="application/json" id="kindly-page" dangerouslySetInnerHTML={{ __html: props.dataJson }} />
        <script src={props.assets.script} defer />
        <script src={props.assets.interactive} defer />
        {props.live ? <script src={props.live.bundle} defer /> : null}
        {props.live ? <script src={props.live.mount} defer /> : null}
      </head>
      <body data-token={props.token} data-track={props.links.track}>
        <main className="page">
          <header className="brand">
            {props.assets.logo ? <img src={props.assets.logo} alt="" width={40} height={40} /> : null}
            <span>{props.pageTitle}</span>
          </header>
          <p id="page-status" className="status" role="status" aria-live="polite">
            {shell.loading}
          </p>
          <noscript>
            <p className="notice">{shell.noScript}</p>
          </noscript>
          {props.gated ? (
            <form
              id="gate"
              className="notice gate"
              hidden
              noValidate
              data-wrong={shell.gateWrong}
              data-locked={shell.gateLocked}
            >
              <p>{shell.gateLead}</p>
              <label htmlFor="gate-answer">{shell.gateLabel}</label>
              <input
                id="gate-answer"
                name="answer"
                type="text"
                autoComplete="off"
                required
                aria-describedby="gate-error"
              />
              <p id="gate-error" className="error" role="alert" />
              <button className="button primary" type="submit">
                {shell.gateSubmit}
              </button>
            </form>
          ) : null}
          <div id="personal" hidden>
            <h1 id="greeting" tabIndex={-1} />
            <div className="stage" data-live-fallback={props.live ? '' : undefined}>
              <video className="video" controls playsInline preload="none" />
              <div className="hotspots" role="group" />
            </div>
            {props.live ? <LivePlayerSlot live={props.live} label={shell.videoLabel} /> : null}
            {props.download ? (
              <a className="download" download hidden data-live-download="">
                {props.download.label}
              </a>
            ) : null}
            <div id="personal-sections" />
          </div>
          <footer>
            {props.payProvider ? <p className="pay-provider">{props.payProvider}</p> : null}
            <TrustSection creditor={props.creditor} copy={props.trust} />
            <p>{shell.footer}</p>
            <a href={props.links.optOut} rel="noreferrer">
              {shell.optOut}
            </a>
          </footer>
        </main>
      </body>
    </html>
  );
}
