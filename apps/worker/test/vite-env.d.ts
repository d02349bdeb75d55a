// `import.meta.glob` (Vite) in the workerd tests.
interface ImportMeta {
  glob<T>(pattern: string, options: { eager: true; import: 'default' }): Record<string, T>;
}
