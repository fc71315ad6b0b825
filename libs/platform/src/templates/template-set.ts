import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import Handlebars from 'handlebars';

export interface TemplateSetOptions {
  /** How the files' names end after the template's name: `.hbs`, `.html.hbs`, `.text.hbs`. */
  suffix: string;
  /** `false` for a part that is not HTML (an e-mail's plain text): values are written as they are. */
  escapeHtml?: boolean;
}

/**
 * The Handlebars templates `<dir>/<name><suffix>`, each read and parsed once when the set is loaded
 * (a missing file or a syntax error fails the service at start, not its first page or e-mail), compiled once, and strict: a value a
 * template prints and the view lacks throws instead of printing an empty string. `{{x}}` escapes
 * HTML (`& < > " ' \` =`); `{{{x}}}` is only for HTML our own code built. Each set has its own
 * Handlebars environment, so no helper or partial leaks from one service's templates to another's.
 */
export class TemplateSet<Name extends string> {
  private constructor(private readonly compiled: ReadonlyMap<Name, Handlebars.TemplateDelegate>) {}

  static load<Name extends string>(
    dir: string,
    names: readonly Name[],
    options: TemplateSetOptions,
  ): TemplateSet<Name> {
    const engine = Handlebars.create();
    const compiled = new Map<Name, Handlebars.TemplateDelegate>();
    for (const name of names) {
      const source = readFileSync(join(dir, `${name}${options.suffix}`), 'utf8');
      // Handlebars compiles on the first call: parsing here makes a syntax error fail the load.
      const ast = engine.parse(source);
      compiled.set(name, engine.compile(ast, { strict: true, noEscape: options.escapeHtml === false }));
    }
    return new TemplateSet(compiled);
  }

  render(name: Name, view: object): string {
    const template = this.compiled.get(name);
    if (!template) throw new Error(`no template named "${name}" in this set`);
    return template(view);
  }
}
