// Paths relative to an agent's home, as the node takes them: '' is the home, '/' separates.

export function parentOf(path: string): string {
  const index = path.lastIndexOf('/');
  return index < 0 ? '' : path.slice(0, index);
}

export function joinPath(directory: string, name: string): string {
  const clean = name.replace(/^\/+|\/+$/g, '');
  return directory ? `${directory}/${clean}` : clean;
}

/** Where a new entry goes: inside the selected directory, beside the selected file, or in the home. */
export function targetDirectory(selected: { path: string; type: string } | null): string {
  if (!selected) return '';
  return selected.type === 'directory' ? selected.path : parentOf(selected.path);
}
