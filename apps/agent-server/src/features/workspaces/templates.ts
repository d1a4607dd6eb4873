// What a new project's directory starts with: a minimal skeleton that runs as it is (nodejs, python, web) or a README.
// Names reach the generated code only through JSON string literals, which JavaScript and Python both read as written.
import type { ProjectTemplate, ProjectType } from '@mcp-studio/protocol';

export interface TemplateFile {
  /** Relative to the project's directory. */
  path: string;
  content: string;
}

export interface TemplateInput {
  name: string;
  type: ProjectType;
  description: string | null;
}

/** The template a project gets when none is asked for: its type's own, else a README. */
export function defaultTemplate(type: ProjectType): ProjectTemplate {
  if (type === 'nodejs' || type === 'python' || type === 'web') return type;
  return 'readme';
}

function readme(project: TemplateInput, howToRun?: string): TemplateFile {
  const parts = [`# ${project.name}`, project.description ?? `A ${project.type} project.`];
  if (howToRun) parts.push(`Run it with:\n\n    ${howToRun}`);
  return { path: 'README.md', content: `${parts.join('\n\n')}\n` };
}

function nodejs(project: TemplateInput): TemplateFile[] {
  const pkg = {
    name: project.name.toLowerCase(),
    version: '0.1.0',
    private: true,
    description: project.description ?? '',
    main: 'index.js',
    scripts: { start: 'node index.js' },
  };
  const index = [
    '// Entry point: `npm start` or `node index.js`.',
    `const name = ${JSON.stringify(project.name)};`,
    '',
    "console.log('Hello from', name);",
    '',
  ].join('\n');
  return [
    { path: 'package.json', content: `${JSON.stringify(pkg, null, 2)}\n` },
    { path: 'index.js', content: index },
    readme(project, 'npm start'),
  ];
}

function python(project: TemplateInput): TemplateFile[] {
  const main = [
    '"""Entry point: python3 main.py"""',
    '',
    `NAME = ${JSON.stringify(project.name)}`,
    '',
    '',
    'def main() -> None:',
    '    print(f"Hello from {NAME}")',
    '',
    '',
    'if __name__ == "__main__":',
    '    main()',
    '',
  ].join('\n');
  return [
    { path: 'main.py', content: main },
    { path: 'requirements.txt', content: '# One package per line; install with: pip install -r requirements.txt\n' },
    readme(project, 'python3 main.py'),
  ];
}

function web(project: TemplateInput): TemplateFile[] {
  const html = [
    '<!doctype html>',
    '<html lang="en">',
    '  <head>',
    '    <meta charset="utf-8" />',
    `    <title>${project.name}</title>`,
    '  </head>',
    '  <body>',
    `    <h1>${project.name}</h1>`,
    '  </body>',
    '</html>',
    '',
  ].join('\n');
  return [{ path: 'index.html', content: html }, readme(project, 'python3 -m http.server 8000')];
}

/** The files a template writes; `none` writes nothing. */
export function templateFiles(template: ProjectTemplate, project: TemplateInput): TemplateFile[] {
  switch (template) {
    case 'none':
      return [];
    case 'readme':
      return [readme(project)];
    case 'nodejs':
      return nodejs(project);
    case 'python':
      return python(project);
    case 'web':
      return web(project);
  }
}
