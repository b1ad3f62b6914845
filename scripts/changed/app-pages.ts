import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { dirname, join, relative, resolve } from 'node:path';
import ts from 'typescript';
import { moduleGraphs } from '../module-graphs';

/** Where the console keeps its entry, its routes, its page modules, and the E2E suite its page objects. */
export const APP = { entry: 'src/main.tsx', routes: 'src/app/App.tsx', pagesDir: 'src/pages', pageObjectsDir: 'e2e/pages' };

export interface AppPage {
  /** The routed page module (src/pages/ApprovalsPage.tsx). */
  module: string;
  /** The route it is shown at (/approvals); undefined for a module no route names. */
  path?: string;
  /** The page object that opens it (e2e/pages/ApprovalQueuePage.ts), when one does. */
  pageObject?: string;
  /** Every repository file the page module imports, directly or not, itself included. */
  graph: Set<string>;
}

export interface AppPages {
  /** What every page runs inside: the entry's graph, not entering the page modules. */
  shell: Set<string>;
  pages: AppPage[];
}

function parse(file: string): ts.SourceFile {
  return ts.createSourceFile(file, readFileSync(file, 'utf8'), ts.ScriptTarget.Latest, true, file.endsWith('x') ? ts.ScriptKind.TSX : ts.ScriptKind.TS);
}

/** The routes of the router's table (`{ path: '/approvals', element: <… <ApprovalsPage /> …> }`): route path → page module. */
function routesOf(root: string, modules: Set<string>): Map<string, string> {
  const file = resolve(root, APP.routes);
  const source = parse(file);
  const imported = new Map<string, string>();
  for (const statement of source.statements) {
    if (!ts.isImportDeclaration(statement) || !ts.isStringLiteral(statement.moduleSpecifier)) continue;
    const target = relative(root, resolve(dirname(file), statement.moduleSpecifier.text));
    const module = [...modules].find((candidate) => candidate.replace(/\.tsx?$/, '') === target);
    const names = statement.importClause?.namedBindings;
    if (module && names && ts.isNamedImports(names)) for (const element of names.elements) imported.set(element.name.text, module);
  }
  const routes = new Map<string, string>();
  const visit = (node: ts.Node) => {
    if (ts.isObjectLiteralExpression(node)) {
      const property = (name: string) =>
        node.properties.find((item): item is ts.PropertyAssignment => ts.isPropertyAssignment(item) && item.name.getText() === name);
      const path = property('path')?.initializer;
      const element = property('element')?.initializer;
      if (path && ts.isStringLiteral(path) && element) {
        const tags: string[] = [];
        const collect = (inner: ts.Node) => {
          if (ts.isJsxOpeningElement(inner) || ts.isJsxSelfClosingElement(inner)) tags.push(inner.tagName.getText());
          ts.forEachChild(inner, collect);
        };
        collect(element);
        const module = tags.map((tag) => imported.get(tag)).find(Boolean);
        if (module) routes.set(path.text, module);
      }
    }
    ts.forEachChild(node, visit);
  };
  visit(source);
  return routes;
}

/** Which page object opens which page module: the one that names the module's route, else the one of the same name. */
function pageObjectsOf(root: string, routes: Map<string, string>, modules: Set<string>): Map<string, string> {
  const owners = new Map<string, string>();
  const dir = resolve(root, APP.pageObjectsDir);
  for (const name of readdirSync(dir).filter((entry) => entry.endsWith('.ts'))) {
    const file = join(APP.pageObjectsDir, name);
    const literals: string[] = [];
    const visit = (node: ts.Node) => {
      if (ts.isStringLiteral(node)) literals.push(node.text);
      ts.forEachChild(node, visit);
    };
    visit(parse(join(dir, name)));
    const byRoute = literals.map((literal) => routes.get(literal)).find(Boolean);
    const byName = [...modules].find((module) => module.endsWith(`/${name.replace(/\.ts$/, '.tsx')}`));
    const module = byRoute ?? byName;
    if (module && !owners.has(module)) owners.set(module, file);
  }
  return owners;
}

/** The console's pages, each with its page object and module graph, and the shell around them. */
export async function readAppPages(root: string): Promise<AppPages> {
  const dir = resolve(root, APP.pagesDir);
  const modules = new Set(
    existsSync(dir)
      ? readdirSync(dir)
          .filter((name) => /\.tsx?$/.test(name) && !/\.test\.tsx?$/.test(name))
          .map((name) => join(APP.pagesDir, name))
      : [],
  );
  const routes = routesOf(root, modules);
  const owners = pageObjectsOf(root, routes, modules);
  const [shellGraphs, pageGraphs] = await Promise.all([moduleGraphs([APP.entry], root, [...modules]), moduleGraphs([...modules], root)]);
  const shell = new Set((shellGraphs.get(APP.entry) ?? []).filter((file) => !modules.has(file)));
  const pathOf = new Map([...routes].map(([path, module]) => [module, path]));
  return {
    shell,
    pages: [...modules].map((module) => ({
      module,
      ...(pathOf.has(module) ? { path: pathOf.get(module) } : {}),
      ...(owners.has(module) ? { pageObject: owners.get(module) } : {}),
      graph: new Set(pageGraphs.get(module) ?? [module]),
    })),
  };
}
