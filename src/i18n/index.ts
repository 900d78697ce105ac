// i18next over `locales/<lang>/<namespace>.json`. Keys are written `namespace:key`;
// every sentence a person reads lives there, never in src/.
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import i18next, { type i18n as I18n } from 'i18next';
import { type Formatter, type Locale, LOCALES, formatterFor } from './format.js';
import { projectPath } from '../paths.js';

export type Resources = Record<Locale, Record<string, Record<string, unknown>>>;

export function readLocaleResources(dir = projectPath('locales')): Resources {
  const resources = {} as Resources;
  for (const locale of LOCALES) {
    resources[locale] = {};
    const localeDir = join(dir, locale);
    for (const file of readdirSync(localeDir)
      .filter((f) => f.endsWith('.json'))
      .sort()) {
      const ns = file.slice(0, -'.json'.length);
      const path = join(localeDir, file);
      try {
        resources[locale][ns] = JSON.parse(readFileSync(path, 'utf8')) as Record<string, unknown>;
      } catch (err) {
        throw new Error(`${path}: not valid JSON (${(err as Error).message})`);
      }
    }
  }
  return resources;
}

/** Every `ns:key.path` that resolves to a string in one locale. */
export function keysOf(resources: Resources, locale: Locale): Set<string> {
  const keys = new Set<string>();
  const walk = (ns: string, prefix: string, node: unknown): void => {
    if (typeof node === 'string') keys.add(`${ns}:${prefix}`);
    else if (node && typeof node === 'object')
      for (const [k, v] of Object.entries(node)) walk(ns, prefix ? `${prefix}.${k}` : k, v);
  };
  for (const [ns, tree] of Object.entries(resources[locale] ?? {})) walk(ns, '', tree);
  return keys;
}

export interface Translator {
  locale: Locale;
  t(key: string, vars?: Record<string, unknown>): string;
  fmt: Formatter;
}

/** Options i18next reads from a call's variables: with any of them the text is left to i18next. */
const OPTION_NAMES = ['count', 'context', 'lng', 'lngs', 'ns', 'defaultValue', 'returnObjects', 'ordinal', 'replace'];

/** A text's literal parts at even positions and its variables' names at odd ones. */
type Template = readonly string[];

export class Texts {
  private readonly translators = new Map<Locale, Translator>();

  private constructor(
    private readonly instance: I18n,
    readonly resources: Resources,
    private readonly defaultLocale: Locale,
  ) {}

  static load(defaultLocale: Locale = 'vi', resources = readLocaleResources()): Texts {
    const instance = i18next.createInstance();
    void instance.init({
      resources,
      lng: defaultLocale,
      fallbackLng: defaultLocale,
      supportedLngs: [...LOCALES],
      ns: Object.keys(resources.vi ?? {}),
      defaultNS: 'common',
      initAsync: false,
      interpolation: { escapeValue: false },
      returnNull: false,
      showSupportNotice: false,
    });
    return new Texts(instance, resources, defaultLocale);
  }

  for(locale: Locale): Translator {
    let translator = this.translators.get(locale);
    if (!translator) {
      const fixed = this.instance.getFixedT(locale);
      // An i18next call costs tens of microseconds and a turn makes a dozen (a /tiendo reply,
      // hundreds). A text whose only markup is {{variable}} is split once into its parts and
      // filled here; plurals, context, nesting and formats stay with i18next.
      const templates = new Map<string, Template | null>();
      translator = {
        locale,
        t: (key, vars) => {
          if (vars && OPTION_NAMES.some((name) => name in vars)) return fixed(key, vars);
          let template = templates.get(key);
          if (template === undefined) templates.set(key, (template = this.templateOf(key, locale)));
          return (template && fill(template, vars)) ?? fixed(key, vars ?? {});
        },
        fmt: formatterFor(locale),
      };
      this.translators.set(locale, translator);
    }
    return translator;
  }

  /** The key's text (in the locale, else the default one) as a template; null when i18next must read it. */
  private templateOf(key: string, locale: Locale): Template | null {
    const colon = key.indexOf(':');
    const [ns, path] = colon < 0 ? ['common', key] : [key.slice(0, colon), key.slice(colon + 1)];
    for (const lng of [locale, this.defaultLocale]) {
      let node: unknown = this.resources[lng]?.[ns];
      for (const part of path.split('.'))
        node = node && typeof node === 'object' ? (node as Record<string, unknown>)[part] : undefined;
      if (typeof node !== 'string') continue;
      const parts = node.split(/\{\{\s*(\w+)\s*\}\}/);
      const literal = parts.filter((_, i) => i % 2 === 0).join('');
      return literal.includes('{{') || literal.includes('$t(') ? null : parts;
    }
    return null;
  }

  has(key: string, locale: Locale): boolean {
    return this.instance.exists(key, { lng: locale, fallbackLng: false });
  }
}

/** The template with the call's values; undefined when a value is missing or not plain (i18next decides then). */
function fill(template: Template, vars: Record<string, unknown> | undefined): string | undefined {
  let text = template[0]!;
  for (let i = 1; i < template.length; i += 2) {
    const value = vars?.[template[i]!];
    if (typeof value !== 'string' && typeof value !== 'number') return undefined;
    text += String(value) + template[i + 1]!;
  }
  return text;
}
