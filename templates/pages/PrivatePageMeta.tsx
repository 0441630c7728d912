/** The head tags every personal page carries: mobile viewport, never indexed or previewed, never a referrer. */
export function PrivatePageMeta() {
  return (
    <>
      <meta charSet="utf-8" />
      <meta name="viewport" content="width=device-width, initial-scale=1" />
      <meta name="robots" content="noindex, nofollow, noarchive, nosnippet" />
      <meta name="referrer" content="no-referrer" />
    </>
  );
}
