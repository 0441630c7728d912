import { Composition, Folder } from 'remotion';
import { templates } from '../templates/registry.ts';
import { components } from './components.ts';

/**
 * One composition per template (id = template id, default props = its first example) and,
 * in a folder, one per example record so the Studio previews each of them.
 */
export function Root() {
  return (
    <>
      {templates.map((template) => {
        const component = components[template.id];
        if (!component)
          throw new Error(`Template "${template.id}" has no composition; add it to compositions/components.ts`);
        const examples = template.examples.map((example) => template.schema.parse(example));
        const common = {
          component,
          durationInFrames: template.durationInFrames,
          fps: template.fps,
          width: template.width,
          height: template.height,
        };
        return (
          <Folder key={template.id} name={`${template.id}-examples`}>
            <Composition id={template.id} {...common} defaultProps={examples[0] as never} />
            {examples.map((props, index) => (
              <Composition
                key={index}
                id={`${template.id}-example-${index + 1}`}
                {...common}
                defaultProps={props as never}
              />
            ))}
          </Folder>
        );
      })}
    </>
  );
}
