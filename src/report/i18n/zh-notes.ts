// The data layer's notes (English, one line each; see data/ and train/) in Chinese, by pattern. A
// note no pattern knows stays in English and the report quotes it as such, so a new note in data/
// never disappears; add its pattern here.

const q = (s: string): string => `“${s}”`;

const TASK_ZH: Record<string, string> = {
  classification: '分类',
  regression: '回归',
  forecast: '时间序列预测',
  image: '图像分类',
  text: '文本分类',
  cluster: '聚类',
};

const FREQ_ZH: Record<string, string> = {
  yearly: '年度数据',
  quarterly: '季度数据',
  monthly: '月度数据',
  weekly: '周度数据',
  daily: '日度数据',
  hourly: '小时数据',
  rows: '按行序（无日期）',
};

/** The reasons of a task inference (tasks/infer.ts), or null for one no pattern knows. */
function whyZh(why: string): string | null {
  const pats: [RegExp, (...m: string[]) => string][] = [
    [/^the target "(.+)" holds text labels \((\d+) classes\)$/, (c, n) => `目标变量${q(c)}为文本标签（${n} 类）`],
    [/^the target "(.+)" holds (\d+) distinct whole numbers$/, (c, n) => `目标变量${q(c)}只取 ${n} 个不同的整数`],
    [
      /^the target "(.+)" is a continuous number \((\d+) distinct values\)$/,
      (c, n) => `目标变量${q(c)}为连续数值（${n} 个不同取值）`,
    ],
    [
      /^column "(.+)" holds free text and "(.+)" looks like its label$/,
      (t, l) => `列${q(t)}为自由文本，且${q(l)}看起来是其标签`,
    ],
    [
      /^(\d+) numeric columns (\S+)\.\.(\S+) form an image of (\S+) pixels, and "(.+)" is its label$/,
      (n, a, b, sz, l) => `${n} 个数值列 ${a}..${b} 构成 ${sz} 像素的图像，且${q(l)}为其标签`,
    ],
    [
      /^column "(.+)" holds one date per row and "(.+)" is numeric: a time series(?:, with (\d+) other numeric column\(s\) as covariates)?$/,
      (d, y, k) => `列${q(d)}每行一个日期，且${q(y)}为数值，构成时间序列${k ? `（另有 ${k} 个数值列作为协变量）` : ''}`,
    ],
    [/^"(.+)" is a folder of images$/, (f) => `${q(f)}是一个图像文件夹`],
    [/^an image\/signal option or --model cnn was given$/, () => '给出了图像/信号选项或 --model cnn'],
  ];
  return firstMatch(pats, why);
}

function windowWhyZh(why: string): string {
  if (why === 'default: one season') return '默认：一个季节周期';
  if (why === 'default: 8 without a season') return '默认：无季节性时取 8';
  const m =
    /^default: (?:one season would be (\d+)|8 without a season), cut to a quarter of the (\d+) transformed training points so that enough windows remain$/.exec(
      why,
    );
  return m
    ? `默认${m[1] ? `为一个季节周期 ${m[1]}` : '为 8'}，因变换后的训练点只有 ${m[2]} 个，截为其四分之一以保留足够的窗口`
    : why;
}

const PATTERNS: [RegExp, (...m: string[]) => string][] = [
  [
    /^image shape (\S+) inferred from (\d+) pixel columns \(a square\); set --image-shape HxWxC to change$/,
    (sh, n) => `由 ${n} 个像素列推断图像尺寸为 ${sh.replace(/x/g, '×')}（正方形）；如需更改，请用 --image-shape 指定`,
  ],
  [/^pixels scaled to \[0, 1\] from (\S+)\.\.(\S+) \((.+)\)$/, (a, b) => `像素值由 ${a}..${b} 线性缩放到 [0, 1]`],
  [
    /^transform: log transform: the seasonal swing grows with the level \(correlation ([\d.]+)\)$/,
    (r) => `变换：取对数，因为季节波动幅度随水平增大（相关系数 ${r}）`,
  ],
  [/^transform: log transform: the values span more than a factor of 5$/, () => '变换：取对数，因为数值跨度超过 5 倍'],
  [
    /^transform: seasonal difference at lag (\d+): strong season \(autocorrelation ([\d.]+) at lag \d+\)$/,
    (lag, ac) => `变换：作滞后 ${lag} 的季节差分，因为季节性强（滞后 ${lag} 的自相关系数为 ${ac}）`,
  ],
  [
    /^transform: first difference: a trend \(R² ([\d.]+) of a straight line\)$/,
    (r2) => `变换：作一阶差分，因为存在趋势（直线拟合的 R² 为 ${r2}）`,
  ],
  [
    /^transform: standardised with the training part's mean and standard deviation$/,
    () => '变换：用训练集的均值与标准差标准化',
  ],
  [
    /^column "(.+)" looks like an identifier; not used as an input \(use --features to force it\)$/,
    (c) => `列${q(c)}看起来是编号，未作为输入变量（如需使用，请用 --features 指定）`,
  ],
  [
    /^column "(.+)" holds dates; not used as an input for this task \(use --task forecast for a time series\)$/,
    (c) => `列${q(c)}为日期，在本任务中未作为输入变量（时间序列请用 --task forecast）`,
  ],
  [
    /^column "(.+)" holds free text; not used as an input here \(use --task text\)$/,
    (c) => `列${q(c)}为自由文本，此处未作为输入变量（文本分类请用 --task text）`,
  ],
  [
    /^dropped constant column "(.+)" \(one value only: it carries no information\)$/,
    (c) => `删除常数列${q(c)}（只有一个取值，不含信息）`,
  ],
  [/^dropped empty column "(.+)"$/, (c) => `删除空列${q(c)}`],
  [/^column (\d+) has no name; called it "(.+)"$/, (i, c) => `第 ${i} 列没有列名，命名为${q(c)}`],
  [
    /^the header name "(.+)" appears more than once; column (\d+) is called "(.+)"$/,
    (h, i, c) => `列名${q(h)}重复出现，第 ${i} 列改名为${q(c)}`,
  ],
  [/^decimal commas read as decimal points \(the delimiter is ";"\)$/, () => '小数逗号按小数点读取（分隔符为“;”）'],
  [/^the rows were not in time order; sorted them by "(.+)"$/, (c) => `数据行未按时间顺序排列，已按${q(c)}排序`],
  [
    /^(\d+) missing period\(s\) \(first: (.+)\) were added and interpolated$/,
    (n, f) => `补齐了 ${n} 个缺失的时期（第一个为 ${f}），并以插值填补`,
  ],
  [/^(\d+) missing value\(s\) of "(.+)" were interpolated$/, (n, c) => `${q(c)}的 ${n} 个缺失值以插值填补`],
  [
    /^covariate "(.+)": (\d+) missing cell\(s\) \(first: row (\d+)\) were interpolated from their neighbours$/,
    (c, n, r) => `协变量${q(c)}：${n} 个缺失值（第一个在第 ${r} 行）以相邻值插值填补`,
  ],
  [/^(\d+) row\(s\) have no target value and are left out$/, (n) => `${n} 行没有目标值，已剔除`],
  [
    /^read the first sheet of the workbook \(use --sheet NAME for another\)$/,
    () => '读取了工作簿的第一个工作表（其他工作表请用 --sheet 指定）',
  ],
  [
    /^MAPE leaves out (\d+) test row\(s\) whose actual value is 0$/,
    (n) => `MAPE 的计算剔除了真实值为 0 的 ${n} 个测试样本`,
  ],
  [
    /^(\d+) token\(s\) of the test part are not in the training vocabulary \(read as <unk>\)$/,
    (n) => `测试集中有 ${n} 个词元不在训练集词表中（记为未知词）`,
  ],
  [
    /^the network does not beat the (.+) baseline\(s\) on the multi-step test forecast$/,
    (b) => `在测试段的多步预测上，神经网络未能优于以下基准：${b}`,
  ],
  [
    /^sensitivity analysis skipped \(about (\d+)·10⁹ operations\); force it with --sensitivity on$/,
    (n) => `跳过了灵敏度分析（约 ${n}×10⁹ 次运算）；如需进行，请用 --sensitivity on`,
  ],
  [
    /^training diverged at epoch (\d+) \(the loss became NaN\/infinite\); kept the best weights before it\. Try --lr (.+)$/,
    (e, lr) => `训练在第 ${e} 轮发散（损失变为 NaN 或无穷大），已保留此前的最优权重；可尝试 --lr ${lr}`,
  ],
  [
    /^training diverged in epoch 1 \(the loss became NaN\/infinite\) at learning rate (.+); retrying once from the same seed with learning rate (.+)$/,
    (a, b) => `训练在学习率 ${a} 下第 1 轮即发散（损失变为 NaN 或无穷大），已用同一随机种子、学习率 ${b} 重新训练一次`,
  ],
  [
    /^augmentation: 2 shifted( \(and randomly mirrored\))? copies of every training image( \(no mirroring: it would change digits and letters\))?$/,
    (mir) =>
      `数据增强：每幅训练图像另加 2 幅平移${mir ? '（并随机镜像）' : ''}的副本${mir ? '' : '（不作镜像：镜像会改变数字与字母）'}`,
  ],
  [
    /^task: (\w+), because (.+) \(set --task to change\)$/,
    (task, why) => {
      const w = whyZh(why);
      return w === null
        ? `任务：${TASK_ZH[task] ?? task}（可用 --task 更改）。原因：${why}`
        : `任务：${TASK_ZH[task] ?? task}，因为${w}（可用 --task 更改）`;
    },
  ],
  [
    /^series "(.+?)"(?: by "(.+)")?: (\d+) points, (\w+)(?:, season (\d+))?$/,
    (y, t, n, freq, season) =>
      `序列${q(y)}${t ? `（按${q(t)}排序）` : ''}：共 ${n} 个时间点，${FREQ_ZH[freq] ?? freq}${season ? `，季节周期 ${season}` : ''}`,
  ],
  [
    /^window: (\d+) past periods(?: \((.+)\))?; test part: the last (\d+) periods; (?:recursive multi-step forecasts|direct strategy: the network outputs the next (\d+) periods at once)$/,
    (w, why, nTest, d) =>
      `窗口：过去 ${w} 期${why ? `（${windowWhyZh(why)}）` : ''}；测试段：最后 ${nTest} 期；${d ? `直接策略：网络一次输出未来 ${d} 期` : '递推多步预测'}`,
  ],
  [
    /^backtest fold (\d+)\/(\d+) \(test periods (\d+)\.\.(\d+)\): multi-step RMSE (\S+)$/,
    (i, k, a, b, r) => `回测第 ${i}/${k} 折（测试期 ${a}..${b}）：多步预测 RMSE ${r}`,
  ],
  [/^repeat (\d+)\/(\d+) \(seed (\d+)\) done$/, (i, n, seed) => `第 ${i}/${n} 次重复（随机种子 ${seed}）完成`],
  [
    /^clusters: k = (\d+), the best silhouette \((\S+)\) for k in (\d+)\.\.(\d+) \(set --clusters to choose\)$/,
    (k, sil, a, b) => `簇数：k = ${k}，在 k = ${a}..${b} 中轮廓系数最高（${sil}）（可用 --clusters 指定）`,
  ],
];

/** The Chinese form of a note, or null when no pattern knows it. */
export function noteZh(note: string): string | null {
  return firstMatch(PATTERNS, note);
}

/** The translation by the first pattern that matches, or null. */
function firstMatch(patterns: [RegExp, (...m: string[]) => string][], text: string): string | null {
  for (const [re, f] of patterns) {
    const m = re.exec(text);
    if (m) return f(...m.slice(1).map((x) => x ?? ''));
  }
  return null;
}
