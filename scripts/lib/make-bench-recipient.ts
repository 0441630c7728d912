import { gentleReminder } from '../../templates/gentle-reminder/definition.ts';

const surnames = ['Rossi', 'Taylor', 'Bianchi', 'Wright', 'Ferrari'];

/**
 * The `index`-th gentle-reminder recipient of the render benchmarks: the template's examples in
 * turn (so their locales too), the first of each as it is and the later ones with a surname of
 * their own, each with an amount of its own, so every recipient draws a personal chunk.
 */
export function makeBenchRecipient(index: number) {
  const example = gentleReminder.examples[index % gentleReminder.examples.length] as Record<string, string>;
  const base = gentleReminder.schema.parse(example);
  const name =
    index < gentleReminder.examples.length
      ? base.name
      : `${base.name.split(' ')[0]} ${surnames[index % surnames.length]}`;
  return { ...base, id: `BENCH-${index + 1}`, name, amount: Math.round((base.amount + index * 17.35) * 100) / 100 };
}
