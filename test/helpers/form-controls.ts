// How the form tests work a page's controls, and read what a person (or assistive technology) gets.
import type { Page } from 'puppeteer-core';

export async function retype(page: Page, selector: string, text: string): Promise<void> {
  await page.$eval(selector, (input) => ((input as HTMLInputElement).value = ''));
  await page.type(selector, text);
}

/** Sets a date input as a picker does (typing into one depends on the browser's language). */
export const setDate = (page: Page, selector: string, value: string) =>
  page.$eval(
    selector,
    (input, date) => {
      (input as HTMLInputElement).value = date;
      input.dispatchEvent(new Event('input', { bubbles: true }));
    },
    value,
  );

/** What assistive technology gets for a control: aria-invalid and the text of what it is described by. */
export const readField = (page: Page, selector: string) =>
  page.$eval(selector, (control) => ({
    invalid: control.getAttribute('aria-invalid'),
    message: (control.getAttribute('aria-describedby') ?? '')
      .split(' ')
      .map((id) => document.getElementById(id)?.textContent ?? '')
      .join(' ')
      .trim(),
  }));

export const submit = async (page: Page, form: string) => page.click(`#${form} button[type="submit"]`);
export const statusOf = (page: Page, form: string) =>
  page.$eval(`#${form} .form-status`, (status) => ({
    text: status.textContent,
    role: status.getAttribute('role'),
    live: status.getAttribute('aria-live'),
  }));
export const isShown = (page: Page, selector: string) =>
  page.$eval(selector, (element) => (element as HTMLElement).offsetParent !== null);
