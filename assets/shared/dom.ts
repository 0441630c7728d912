type Child = Node | string | null | undefined | false;
type Attributes = Record<string, string | number | boolean | null | undefined>;

const svgNs = 'http://www.w3.org/2000/svg';

function setAttributes(element: Element, attributes: Attributes): void {
  for (const [name, value] of Object.entries(attributes)) {
    if (value === undefined || value === null || value === false) continue;
    element.setAttribute(name, value === true ? '' : String(value));
  }
}

/**
 * An element with attributes and children. Strings become text nodes, never HTML: record text
 * can only ever show as text.
 */
export function el<K extends keyof HTMLElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  ...children: Child[]
): HTMLElementTagNameMap[K] {
  const element = document.createElement(tag);
  setAttributes(element, attributes);
  for (const child of children) if (child) element.append(child);
  return element;
}

/** An SVG element with attributes and, optionally, text (as text, never markup). */
export function svgEl<K extends keyof SVGElementTagNameMap>(
  tag: K,
  attributes: Attributes = {},
  text?: string | number,
): SVGElementTagNameMap[K] {
  const element = document.createElementNS(svgNs, tag);
  setAttributes(element, attributes);
  if (text !== undefined) element.textContent = String(text);
  return element;
}

/** A labelled form control in a `.field` wrapper. */
export function field(options: { id: string; label: string; control: HTMLElement }): HTMLElement {
  options.control.id = options.id;
  return el('div', { class: 'field' }, el('label', { for: options.id }, options.label), options.control);
}

/** An element by id that the page always has. */
export function byId<T extends Element = HTMLElement>(id: string): T {
  const element: Element | null = document.getElementById(id);
  if (!element) throw new Error(`the page has no #${id}`);
  return element as T;
}
