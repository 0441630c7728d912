import { toTelLink, type Creditor } from '../brand/creditor.ts';
import type { TrustCopy } from './trust-copy.ts';

/**
 * Who really sends the page and how to check it: the creditor's legal name, address, phone,
 * e-mail and privacy notice (public facts, never personal data), and one line on verifying the
 * message through the bill rather than through anything the message gives.
 */
export function TrustSection(props: { creditor: Creditor | undefined; copy: TrustCopy }) {
  const { creditor, copy } = props;
  return (
    <section className="trust" aria-labelledby="trust-heading">
      <h2 id="trust-heading">{copy.heading}</h2>
      {creditor ? (
        <>
          <p className="creditor">
            <strong>{creditor.legalName}</strong>
            <br />
            {creditor.address}
          </p>
          <ul className="contact">
            <li>
              {copy.phone}: <a href={toTelLink(creditor.phone)}>{creditor.phone}</a>
            </li>
            <li>
              {copy.email}: <a href={`mailto:${creditor.email}`}>{creditor.email}</a>
            </li>
            <li>
              <a href={creditor.privacyUrl} rel="noreferrer">
                {copy.privacy}
              </a>
            </li>
          </ul>
        </>
      ) : null}
      <p className="verify">{copy.verify}</p>
    </section>
  );
}
