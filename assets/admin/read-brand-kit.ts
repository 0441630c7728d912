// The brand kit of the campaign form, as brandKitSchema (templates/brand/brand-kit.ts) takes it:
// sender name, colours and, when chosen, the logo file as a data URL. The API judges it (logo
// type and size, readable colours).
import { byId } from '../shared/dom.ts';

const colours = {
  primary: 'cf-color-primary',
  onPrimary: 'cf-color-on-primary',
  accent: 'cf-color-accent',
  background: 'cf-color-background',
  text: 'cf-color-text',
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
    colors: Object.fromEntries(Object.entries(colours).map(([name, id]) => [name, byId<HTMLInputElement>(id).value])),
  };
}

/** Shows the brand kit's inputs only while the form sends one. */
export function watchBrandKitSwitch(): void {
  const on = byId<HTMLInputElement>('cf-brand-on');
  on.addEventListener('change', () => {
    byId('cf-brand-fields').hidden = !on.checked;
  });
}
