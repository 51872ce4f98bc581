// Heuristic for "no untranslated English sentences": runs of 4+ English words in prose, after
// removing code blocks, inline code, URLs, file paths and HTML tags. Metric abbreviations (RMSE,
// MAE, MAPE, AUC, F1) and layer names are single words, so they never form a run on their own.

export function englishRuns(text: string): string[] {
  const prose = text
    .replace(/```[\s\S]*?```/g, ' ')
    .replace(/<pre>[\s\S]*?<\/pre>/g, ' ')
    .replace(/<style>[\s\S]*?<\/style>/g, ' ')
    .replace(/<[^>]+>/g, ' ')
    .replace(/`[^`]*`/g, ' ')
    .replace(/\(figures\/[^)]*\)/g, ' ');
  return [...prose.matchAll(/[A-Za-z][A-Za-z'-]*(?:[ \t,;:.]+[A-Za-z][A-Za-z'-]*){3,}/g)].map((m) => m[0]);
}
