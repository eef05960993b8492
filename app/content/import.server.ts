// Placeholder until the content importer lands.
export async function importContent(_options: { directory: string; log: (line: string) => void }) {
  return { imported: 0, unchanged: 0 };
}
