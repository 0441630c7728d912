import { scaffoldTemplate } from '../scaffold/scaffold-template.ts';

/** `kindly template new <id> --from <template>`: a new template folder pair, registered, ready to edit. */
export async function templateNewCommand(options: {
  id: string;
  from: string;
  root: string;
  log: (line: string) => void;
}): Promise<string[]> {
  const written = await scaffoldTemplate(options);
  options.log(`Template ${options.id} made from ${options.from}:`);
  for (const file of written) options.log(`  ${file}`);
  options.log('  templates/registry.ts and compositions/components.ts: registered');
  options.log(`Next: edit its copy, examples and scenes, then run kindly template check ${options.id}`);
  return written;
}
