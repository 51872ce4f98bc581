// The ASCII words of Chinese output that are not a column name, a number or an abbreviation Chinese
// papers keep in Latin letters (the allow-list): used by the zh report and zh console tests.

const ALLOWED = new Set([
  'RMSE',
  'MAE',
  'MAPE',
  'R',
  'F1',
  'F',
  'AUC',
  'ROC',
  'ReLU',
  'Adam',
  'SGD',
  'RMSprop',
  'LSTM',
  'GRU',
  'MLP',
  'CNN',
  'RNN',
  'SOM',
  'BP',
  'MIV',
  'GM',
  'Holt',
  'Softmax',
  'Dropout',
  'Z-score',
  'L2',
  'L',
  'NaN',
  'SHA-256',
  'SHA-',
  'utf-8',
  'utf-',
  'gbk',
  'nnm',
  'config.json',
  'config',
  'json',
  'n',
  'k',
  'r',
  'y',
  'x',
  'Lewis',
]);

/** ASCII words of a Chinese report that are not allowed. */
export function foreignWords(md: string, columns: string[], exact: string[] = []): string[] {
  const text = md
    .replace(/^```[\s\S]*?^```/gm, '')
    .replace(/`[^`]*`/g, '')
    .replace(/!\[[^\]]*\]\([^)]*\)/g, '')
    .replace(/--[a-z-]+/g, '');
  const ok = new Set([...ALLOWED, ...exact, ...columns.flatMap((c) => c.split(/[^A-Za-z0-9_]+/))]);
  return [
    ...new Set(
      [...text.matchAll(/[A-Za-z][A-Za-z0-9_]*(?:[-.][A-Za-z0-9]+)*/g)].map((m) => m[0]).filter((w) => !ok.has(w)),
    ),
  ];
}
