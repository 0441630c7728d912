type Child = Node | string | null | undefined | false;

/**
 * An element with attributes and children. Strings become text nodes, never HTML: record text
 * can only ever show as text.
 */
export function el<K extends keyof HTMLElementTagNameMap>(tag: K, attributes: Record<string, string | boolean | undefined> = {}, ...children: Child[]): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === false) continue;
    element.setAttribute(name, value === true ? '' : value);
  }
  for (const child of children) if (child) element.append(child);
  return element;
}

/** A labelled form control in a `.field` wrapper. */
export function field(options: { id: string; label: string; control: HTMLElement }): HTMLElement {
  options.control.id = options.id;
  return el('div', { class: 'field' }, el('label', { for: options.id }, options.label), options.control);
}

/** An element by id that the page shell always has. */
export function byId<T extends HTMLElement>(id: string): T {
  const element = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}
