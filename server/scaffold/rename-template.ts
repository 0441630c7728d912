/** A template id in the three spellings its files use: `spring-reminder`, `springReminder`, `SpringReminder`. */
export type TemplateNames = { kebab: string; camel: string; pascal: string; title: string };

export function makeTemplateNames(id: string): TemplateNames {
  const words = id.split('-');
  const camel = words
    .map((word, index) => (index === 0 ? word : word.charAt(0).toUpperCase() + word.slice(1)))
    .join('');
  return {
    kebab: id,
    camel,
    pascal: camel.charAt(0).toUpperCase() + camel.slice(1),
    title: id.charAt(0).toUpperCase() + id.slice(1).replace(/-/g, ' '),
  };
}

/** Text (a file's content or name) with every spelling of one template id replaced by the other's. */
export function renameTemplate(text: string, options: { from: TemplateNames; to: TemplateNames }): string {
  const { from, to } = options;
  return text.split(from.kebab).join(to.kebab).split(from.pascal).join(to.pascal).split(from.camel).join(to.camel);
}
