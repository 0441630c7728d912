import { PrivatePageMeta } from '../../templates/pages/PrivatePageMeta.tsx';
import type { PageCopy } from '../../templates/template-definition.ts';

/** The opt-out confirmation: a GET shows the question, only the POST opts out (mail scanners follow links). */
export function OptOutPage(props: { lang: string; copy: PageCopy; done: boolean; css: string | undefined }) {
  return (
    <html lang={props.lang}>
      <head>
        <PrivatePageMeta />
        <title>{props.copy.pageTitle}</title>
        {props.css ? <link rel="stylesheet" href={props.css} /> : null}
      </head>
      <body>
        <main className="page">
          <div className="notice">
            {props.done ? (
              <p role="status">{props.copy.optOutDone}</p>
            ) : (
              <form method="post">
                <h1>{props.copy.optOutQuestion}</h1>
                <button className="button primary" type="submit">
                  {props.copy.optOutConfirm}
                </button>
              </form>
            )}
          </div>
        </main>
      </body>
    </html>
  );
}
