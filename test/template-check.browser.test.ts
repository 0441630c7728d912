import fs from 'node:fs/promises';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { describe, expect, it } from 'vitest';
import { checkLicences } from '../server/check/check-licences.ts';
import { checkGlyphs } from '../server/check/check-glyphs.ts';
import { checkTextFit } from '../server/check/check-text-fit.ts';
import { findFontFaces } from '../server/check/find-font-faces.ts';
import { checkCopy } from '../templates/check-copy.ts';
import { checkExamples } from '../templates/check-examples.ts';
import { gentleReminderCopy } from '../templates/gentle-reminder/copy.ts';
import { gentleReminder } from '../templates/gentle-reminder/definition.ts';
import { gentleReminderExamples } from '../templates/gentle-reminder/examples.ts';
import type { TemplateDefinition } from '../templates/template-definition.ts';
import { runCli } from './helpers/run-cli.ts';
import { makeTempDir } from '../scripts/lib/temp-dir.ts';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');
const template = gentleReminder as unknown as TemplateDefinition;
const faces = await findFontFaces({ compositionsDir: path.join(root, 'compositions') });

describe('kindly template check (CI runs it over every template)', () => {
  it('passes every registered template: timeline, examples, copy, glyphs, text fit in Chromium, licences', async () => {
    const result = await runCli({ args: ['template', 'check'], timeoutMs: 120_000 });
    expect(result.stderr).toBe('');
    expect(result.stdout).toContain('gentle-reminder: ok');
    expect(result.code).toBe(0);
  }, 120_000);
});

describe('the checker catches', () => {
  it('a missing translation, naming template, locale and string', () => {
    const { lead: _dropped, ...english } = gentleReminderCopy['en-GB'];
    const broken: TemplateDefinition = {
      ...template,
      locales: ['it-IT', 'en-GB'],
      copy: { 'it-IT': gentleReminderCopy['it-IT'], 'en-GB': english },
    };
    expect(checkCopy(broken)).toEqual([
      'Template "gentle-reminder"@1.0.0, locale en-GB, string "lead": missing (it-IT: "ti ricordiamo con gentilezza un pagamento ancora aperto."); translate it in templates/gentle-reminder',
    ]);
  });

  it('a blank string, a placeholder lost in translation, and a locale with no copy at all', () => {
    const broken: TemplateDefinition = {
      ...template,
      locales: ['it-IT', 'en-GB', 'fr-FR'],
      copy: {
        'it-IT': gentleReminderCopy['it-IT'],
        'en-GB': { ...gentleReminderCopy['en-GB'], greeting: 'Hello,', footer: ' ' },
      },
    };
    expect(checkCopy(broken)).toEqual([
      'Template "gentle-reminder"@1.0.0, locale en-GB, string "greeting": has placeholders {} but it-IT has {name}; use the same placeholders in every locale',
      'Template "gentle-reminder"@1.0.0, locale en-GB, string "footer": blank; translate it in templates/gentle-reminder',
      'Template "gentle-reminder"@1.0.0, locale fr-FR: has no strings at all; add a "fr-FR" entry to the copy of templates/gentle-reminder, or drop the locale',
    ]);
  });

  it('an example record the schema refuses', () => {
    const broken: TemplateDefinition = {
      ...template,
      examples: [...gentleReminderExamples, { ...gentleReminderExamples[0], id: 'CUST-9', amount: '-5' }],
    };
    expect(checkExamples(broken)).toEqual([
      'Template "gentle-reminder"@1.0.0, example 8 (CUST-9), field "amount": amount must be greater than 0; zero or credit balances have nothing to collect; fix it in templates/gentle-reminder/examples.ts',
    ]);
  });

  it('a missing glyph, naming template, locale, example, field, character and code point', async () => {
    expect(await checkGlyphs({ template, faces })).toEqual([]);
    const broken: TemplateDefinition = {
      ...template,
      examples: [{ ...gentleReminderExamples[1], id: 'CUST-9', name: 'Priya प्रिया Sharma' }],
    };
    const problems = await checkGlyphs({ template: broken, faces });
    console.log(problems.join('\n'));
    expect(problems).toContain(
      'Template "gentle-reminder"@1.0.0, locale en-GB, example CUST-9, field "name": character "प" (U+092A) has no glyph in the shipped fonts (Inter, Noto Sans TC) at weight 400 and 700; ship a font that covers it (import its @fontsource CSS in compositions/use-fonts.ts and list it in assets/LICENSES.md) or change the text',
    );
    // Only the Devanagari letters: the Latin ones and the Chinese names of the real examples are covered.
    expect(problems.every((problem) => /U\+09[0-7][0-9A-F]/.test(problem))).toBe(true);
  });

  it('a missing glyph in a copy string', async () => {
    const broken: TemplateDefinition = {
      ...template,
      examples: [],
      copy: {
        ...gentleReminderCopy,
        'en-GB': { ...gentleReminderCopy['en-GB'], outroSubtitle: 'We are here to help 🙂' },
      },
    };
    expect(await checkGlyphs({ template: broken, faces })).toEqual([
      expect.stringContaining(
        'Template "gentle-reminder"@1.0.0, locale en-GB, copy string "outroSubtitle": character "🙂" (U+1F642) has no glyph',
      ),
    ]);
  });

  it('an asset or a font package without a licence entry', async () => {
    const temp = await makeTempDir('licences');
    try {
      await fs.mkdir(path.join(temp.dir, 'site'));
      await fs.writeFile(path.join(temp.dir, 'site', 'site.css'), 'body{}');
      await fs.mkdir(path.join(temp.dir, 'audio'));
      await fs.writeFile(path.join(temp.dir, 'audio', 'new-bed.m4a'), 'x');
      await fs.writeFile(
        path.join(temp.dir, 'LICENSES.md'),
        '| `site/` | ours | ours |\n| `@fontsource/inter` | Inter | OFL |\n',
      );
      expect(await checkLicences({ assetsDir: temp.dir, faces })).toEqual([
        'Asset "assets/audio/new-bed.m4a": has no licence entry; add a row for `audio/new-bed.m4a` (source and licence) to assets/LICENSES.md',
        'Font "@fontsource/noto-sans-tc": has no licence entry; add a row for `@fontsource/noto-sans-tc` (authors and licence) to assets/LICENSES.md',
      ]);
    } finally {
      await temp.remove();
    }
  });

  it('an overflowing name, measured in real Chromium with the shipped fonts', async () => {
    const schema = z.object({ id: z.string(), name: z.string(), locale: z.enum(['it-IT', 'en-GB']) });
    const nameCard = {
      ...template,
      id: 'name-card',
      version: '0.0.1',
      durationInFrames: 30,
      posterFrame: 0,
      schema,
      fields: ['id', 'name', 'locale'],
      locales: ['it-IT', 'en-GB'],
      scenes: [{ id: 'card', from: 0, durationInFrames: 30, reads: ['name'] }],
      examples: [
        { id: 'A-1', name: 'Anna Rossi', locale: 'it-IT' },
        { id: 'A-2', name: 'Maria Concetta Esposito-Buonaccorsi', locale: 'it-IT' },
      ],
    } as unknown as TemplateDefinition;
    const problems = await checkTextFit({
      templates: [nameCard],
      assetsDir: path.join(root, 'assets'),
      componentsModule: path.join(root, 'test/fixtures/name-card/components.tsx'),
    });
    const found = problems.get('name-card') ?? [];
    console.log(found.join('\n'));
    expect(found[0]).toMatch(
      /^Template "name-card"@0\.0\.1, scene "card", locale it-IT, example A-2, text "name" \("Maria Concetta Esposito-Buonaccorsi"\): is \d+ px wider than its 560 px box and is cut off; shorten the copy, let the box wrap, or shrink long text to fit \(see compositions\/name-card\)$/,
    );
    expect(found.join('\n')).not.toContain('example A-1');
    // The longest values meet every locale's layout too.
    expect(
      found
        .filter((problem) => problem.includes('the longest example values'))
        .map((problem) => /locale (\S+),/.exec(problem)?.[1]),
    ).toEqual(['it-IT', 'en-GB']);
    expect(found).toHaveLength(3);
  }, 90_000);

  it('a scene declared still while its entrances still move, drawn in real Chromium', async () => {
    const moving: TemplateDefinition = {
      ...template,
      locales: ['it-IT'],
      examples: [gentleReminderExamples[0]!],
      scenes: template.scenes.map((scene) => (scene.id === 'personal' ? { ...scene, stillFrom: 5 } : scene)),
    };
    const problems = await checkTextFit({ templates: [moving], assetsDir: path.join(root, 'assets') });
    expect(problems.get('gentle-reminder')).toEqual([
      'Template "gentle-reminder"@1.0.0, scene "personal": stillFrom 5 says frame 155 on is one still picture, but frame 227 differs from it; set stillFrom to when the scene\'s last motion ends (stillAfter(...) of its entrance delays), or leave it out if the scene moves to its end',
    ]);
  }, 120_000);
});
