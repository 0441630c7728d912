// The brand kit of the campaign form, as brandKitSchema (templates/brand/brand-kit.ts) takes it:
// sender name, colours and, when chosen, the logo file as a data URL. The API judges it (logo
// type and size, readable colours).
import { byId, el, field } from '../shared/dom.ts';

/** The kit's colours: input id, label and the colour the input starts with (a readable set). */
const colours = {
  primary: { id: 'cf-color-primary', label: 'Primary colour', start: '#10324a' },
  onPrimary: { id: 'cf-color-on-primary', label: 'Button text colour', start: '#ffffff' },
  accent: { id: 'cf-color-accent', label: 'Accent colour', start: '#2a7ab8' },
  background: { id: 'cf-color-background', label: 'Background colour', start: '#ffffff' },
  text: { id: 'cf-color-text', label: 'Text colour', start: '#10324a' },
} as const;

/** A file as a data URL (`data:image/png;base64,...`). */
function readDataUrl(file: File): Promise<string> {
  return new Promise((resolve, reject) => {
    const reader = new FileReader();
    reader.addEventListener('load', () => resolve(String(reader.result)));
    reader.addEventListener('error', () => reject(reader.error ?? new Error(`${file.name} could not be read`)));
    reader.readAsDataURL(file);
  });
}

/** The brand kit typed into the form, or undefined when the form sends none. */
export async function readBrandKit(): Promise<Record<string, unknown> | undefined> {
  if (!byId<HTMLInputElement>('cf-brand-on').checked) return undefined;
  const logoFile = byId<HTMLInputElement>('cf-logo').files?.[0];
  return {
    senderName: byId<HTMLInputElement>('cf-sender').value,
    logo: logoFile ? await readDataUrl(logoFile) : undefined,
    colors: Object.fromEntries(
      Object.entries(colours).map(([name, { id }]) => [name, byId<HTMLInputElement>(id).value]),
    ),
  };
}

/** Adds the colour inputs to the brand kit's part of the form, shown only while the form sends a kit. */
export function makeBrandKitFields(): void {
  byId('cf-brand-fields').append(
    ...Object.values(colours).map(({ id, label, start }) =>
      field({ id, label, control: el('input', { type: 'color', value: start }) }),
    ),
  );
  const on = byId<HTMLInputElement>('cf-brand-on');
  on.addEventListener('change', () => {
    byId('cf-brand-fields').hidden = !on.checked;
  });
}
