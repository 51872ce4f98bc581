// The cluster report's words, in English and Chinese (the network report's catalogue is i18n/).

import type { ReportLang } from '../i18n/index.js';

const n = (v: unknown, d = 4): string =>
  typeof v === 'number' && Number.isFinite(v) ? String(Number(v.toPrecision(d))) : '—';

export interface MethodFacts {
  inputs: number;
  map: string;
  steps: number;
  sigma: string;
  lr: string;
  activeUnits: number;
  k: number;
  kByUser: boolean;
  rows: number;
}

const en = {
  title: (file: string) => `Self-organising map (SOM) clustering of \`${file}\``,
  h: {
    data: '1 Data',
    prep: '1.1 Preprocessing (fitted on all rows)',
    method: '2 Method',
    results: '3 Results',
    profiles: '3.1 Cluster profiles',
    figures: '3.2 Figures',
    repro: '4 Reproducibility',
  },
  dataIntro: (file: string, enc: string, rows: number, cols: number, inputs: number) =>
    `File \`${file}\` (${enc}): ${rows} rows, ${cols} columns; ${inputs} network inputs after encoding.`,
  method: (f: MethodFacts): string[] => [
    `The inputs were standardised (z-scores; categories one-hot) and a self-organising map (Kohonen network) of ${f.map} units was trained for ${f.steps} steps: for each row the best-matching unit c is found and every unit moves towards the row, w_j ← w_j + η(t)·h_{j,c}(t)·(x − w_j), with a Gaussian neighbourhood h whose radius shrinks ${f.sigma} and a learning rate η ${f.lr}.`,
    `The ${f.activeUnits} units that hold rows were grouped by k-means (weighted by their hits), and every row takes the cluster of its unit. ${f.kByUser ? `k = ${f.k} was set with --clusters.` : `k = ${f.k} was chosen as the k in 2..8 with the highest mean silhouette of the rows (table of k below).`} The baseline is k-means++ (10 seeded restarts) on the standardised rows with the same k.`,
  ],
  quality: (s: number, db: number, ks: number, kdb: number) =>
    `Mean silhouette ${n(s, 3)} (−1..1, higher is better; above 0.5 is a clear structure, 0.25–0.5 a weak one) and Davies–Bouldin index ${n(db, 3)} (lower is better), against ${n(ks, 3)} and ${n(kdb, 3)} for k-means on the rows.`,
  verdict: (better: boolean, tie: boolean): string =>
    tie
      ? 'The SOM and k-means tie on silhouette.'
      : better
        ? 'The SOM clustering has the higher silhouette.'
        : '**k-means on the rows has the higher silhouette**: report it beside the SOM, or prefer it.',
  mapQuality: (qe: number, te: number) =>
    `Map quality: quantisation error ${n(qe)} (mean distance of a row to its unit, in standard deviations), topographic error ${n(te)} (share of rows whose two nearest units are not neighbours).`,
  ari: (ari: number, ref: string) =>
    `Adjusted Rand index against the reference column \`${ref}\`: ${n(ari, 3)} (1 = the same grouping, 0 = chance).`,
  tables: {
    data: 'Data summary',
    prep: 'Preprocessing',
    quality: 'Cluster quality of the SOM beside k-means',
    k: 'Choice of k (mean silhouette of the rows)',
    profiles: 'Cluster profiles: size and mean of each input (original units; one-hot inputs: share of rows)',
    hyper: 'Map settings',
    column: 'column',
    type: 'type',
    missing: 'missing',
    distinct: 'distinct',
    role: 'role',
    treatment: 'treatment',
    detail: 'fitted values',
    method: 'method',
    clusters: 'clusters',
    silhouette: 'silhouette ↑',
    db: 'Davies–Bouldin ↓',
    ari: 'ARI ↑',
    cluster: 'cluster',
    rows: 'rows',
    share: 'share',
    chosen: 'chosen',
    setting: 'setting',
    value: 'value',
    som: 'SOM + k-means on units (nnm)',
    kmeans: 'baseline: k-means on the rows',
  },
  role: (r: string): string => ({ target: 'reference label (not an input)', input: 'input', unused: 'unused' })[r] ?? r,
  prep: {
    numeric: (fill: number, mean: number, sd: number, missing: number) => [
      missing ? `median ${n(fill)} filled ${missing} missing; z-score` : 'z-score',
      `mean ${n(mean)}, sd ${n(sd)}`,
    ],
    onehot: (levels: number, fill: string, missing: number) => [
      `one-hot (${levels} levels)`,
      missing ? `${missing} missing filled with "${fill}"` : '—',
    ],
  },
  hyper: (k: string): string =>
    ({
      map: 'map size',
      units: 'units',
      steps: 'training steps',
      lr: 'learning rate',
      sigma: 'neighbourhood radius',
      clusters: 'clusters k',
      k_choice: 'how k was chosen',
    })[k] ?? k,
  fig: {
    sizes: 'Number of rows in each cluster.',
    umatrix: (side: string) =>
      `U-matrix of the ${side} map: mean distance of each unit to its neighbours (dark = cluster border); the digit in a unit is its cluster, a dot marks a unit with no rows.`,
    projection: (e1: number, e2: number, m: number) =>
      `The rows on their first two principal components (${n(e1 * 100, 3)}% and ${n(e2 * 100, 3)}% of the variance${m ? `; a seeded sample of ${m} rows` : ''}), coloured by cluster.`,
    silhouette:
      'Mean silhouette of the rows of each cluster (higher is better; a negative value means its rows sit closer to another cluster).',
  },
  axis: {
    cluster: 'cluster',
    rows: 'rows',
    silhouette: 'mean silhouette',
    pc1: 'principal component 1',
    pc2: 'principal component 2',
    col: 'map column',
    row: 'map row',
    umatrix: 'U-matrix distance',
  },
  assigned:
    "Every row's cluster is in predictions.csv; model.nnm.json holds the map, the unit → cluster table and the preprocessing, so `nnm predict` assigns new rows and `nnm evaluate` scores them (silhouette, Davies–Bouldin; --target COL adds the adjusted Rand index).",
  repro: (version: string, seed: number, sha: string) =>
    `nnm ${version}; seed ${seed}; data SHA-256 \`${sha}\`. \`nnm report\` on the run folder rebuilds this report.`,
  tableRef: (i: number, c: string) => `Table ${i}. ${c}`,
  figureRef: (i: number, c: string) => `Figure ${i}. ${c}`,
  notes: 'Notes on the data:',
};

export type ClusterText = typeof en;

const zh: ClusterText = {
  title: (file: string) => `\`${file}\` 的自组织映射（SOM）聚类`,
  h: {
    data: '1 数据',
    prep: '1.1 预处理（在全部行上拟合）',
    method: '2 方法',
    results: '3 结果',
    profiles: '3.1 各类特征',
    figures: '3.2 图',
    repro: '4 可复现性',
  },
  dataIntro: (file: string, enc: string, rows: number, cols: number, inputs: number) =>
    `文件 \`${file}\`（${enc}）：${rows} 行，${cols} 列；编码后网络输入 ${inputs} 个。`,
  method: (f: MethodFacts): string[] => [
    `输入经标准化（z 分数；类别变量独热编码）后，训练了一个 ${f.map} 单元的自组织映射（Kohonen 网络），共 ${f.steps} 步：对每一行找到最佳匹配单元 c，所有单元向该行移动，w_j ← w_j + η(t)·h_{j,c}(t)·(x − w_j)，其中高斯邻域 h 的半径由 ${f.sigma.replace('(exponential)', '（指数衰减）')} 收缩，学习率 η 为 ${f.lr.replace('(linear)', '（线性衰减）')}。`,
    `将含有样本的 ${f.activeUnits} 个单元按命中数加权做 k 均值聚类，每行取其所在单元的类别。${f.kByUser ? `k = ${f.k} 由 --clusters 指定。` : `k = ${f.k} 是 2..8 中使各行平均轮廓系数最大的 k（见下方 k 的选择表）。`}基准模型为在标准化后的行上以相同 k 运行的 k-means++（10 次带种子的重启）。`,
  ],
  quality: (s: number, db: number, ks: number, kdb: number) =>
    `平均轮廓系数 ${n(s, 3)}（−1 到 1，越大越好；大于 0.5 为清晰的结构，0.25–0.5 为较弱的结构），Davies–Bouldin 指数 ${n(db, 3)}（越小越好）；行上的 k 均值分别为 ${n(ks, 3)} 和 ${n(kdb, 3)}。`,
  verdict: (better: boolean, tie: boolean) =>
    tie
      ? 'SOM 与 k 均值的轮廓系数相同。'
      : better
        ? 'SOM 聚类的轮廓系数更高。'
        : '**行上的 k 均值轮廓系数更高**：请在论文中与 SOM 并列报告，或改用 k 均值。',
  mapQuality: (qe: number, te: number) =>
    `映射质量：量化误差 ${n(qe)}（每行到其单元的平均距离，以标准差为单位），拓扑误差 ${n(te)}（两个最近单元不相邻的行所占比例）。`,
  ari: (ari: number, ref: string) => `与参考列 \`${ref}\` 的调整兰德指数：${n(ari, 3)}（1 为完全一致，0 为随机水平）。`,
  tables: {
    data: '数据概况',
    prep: '预处理',
    quality: 'SOM 与 k 均值的聚类质量',
    k: 'k 的选择（各行的平均轮廓系数）',
    profiles: '各类特征：规模与各输入的均值（原始单位；独热输入为所占比例）',
    hyper: '映射设置',
    column: '列',
    type: '类型',
    missing: '缺失',
    distinct: '不同值',
    role: '作用',
    treatment: '处理',
    detail: '拟合值',
    method: '方法',
    clusters: '类数',
    silhouette: '轮廓系数 ↑',
    db: 'Davies–Bouldin 指数 ↓',
    ari: '调整兰德指数 ↑',
    cluster: '类',
    rows: '行数',
    share: '占比',
    chosen: '选定',
    setting: '设置',
    value: '取值',
    som: 'SOM + 单元上的 k 均值（nnm）',
    kmeans: '基准：行上的 k 均值',
  },
  role: (r: string): string => ({ target: '参考标签（不作输入）', input: '输入', unused: '未使用' })[r] ?? r,
  prep: {
    numeric: (fill: number, mean: number, sd: number, missing: number) => [
      missing ? `以中位数 ${n(fill)} 填补 ${missing} 个缺失值；z 分数` : 'z 分数',
      `均值 ${n(mean)}，标准差 ${n(sd)}`,
    ],
    onehot: (levels: number, fill: string, missing: number) => [
      `独热编码（${levels} 个水平）`,
      missing ? `${missing} 个缺失值以“${fill}”填补` : '—',
    ],
  },
  hyper: (k: string): string =>
    ({
      map: '映射大小',
      units: '单元数',
      steps: '训练步数',
      lr: '学习率',
      sigma: '邻域半径',
      clusters: '类数 k',
      k_choice: 'k 的确定方式',
    })[k] ?? k,
  fig: {
    sizes: '各类的行数。',
    umatrix: (side: string) =>
      `${side} 映射的 U 矩阵：每个单元到其相邻单元的平均距离（颜色越深越接近类边界）；单元中的数字为其类别，圆点表示不含样本的单元。`,
    projection: (e1: number, e2: number, m: number) =>
      `各行在前两个主成分上的投影（分别解释 ${n(e1 * 100, 3)}% 与 ${n(e2 * 100, 3)}% 的方差${m ? `；带种子抽取的 ${m} 行样本` : ''}），按类别着色。`,
    silhouette: '各类中行的平均轮廓系数（越大越好；负值表示该类的行离另一类更近）。',
  },
  axis: {
    cluster: '类',
    rows: '行数',
    silhouette: '平均轮廓系数',
    pc1: '第一主成分',
    pc2: '第二主成分',
    col: '映射列',
    row: '映射行',
    umatrix: 'U 矩阵距离',
  },
  assigned:
    '每行的类别见 predictions.csv；model.nnm.json 保存了映射、单元到类别的对应表和预处理，`nnm predict` 可为新数据分配类别，`nnm evaluate` 可给出其轮廓系数与 Davies–Bouldin 指数（加 --target 列名可得调整兰德指数）。',
  repro: (version: string, seed: number, sha: string) =>
    `nnm ${version}；随机种子 ${seed}；数据 SHA-256 \`${sha}\`。对运行目录执行 \`nnm report\` 可重新生成本报告。`,
  tableRef: (i: number, c: string) => `表 ${i} ${c}`,
  figureRef: (i: number, c: string) => `图 ${i} ${c}`,
  notes: '数据说明：',
};

export function clusterText(lang: ReportLang): ClusterText {
  return lang === 'zh' ? zh : en;
}
